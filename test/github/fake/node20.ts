/**
 * nock 15 (through @mswjs/interceptors) declares Node >= 22 and calls Promise.withResolvers,
 * which Node 20 lacks. The project supports Node 20, so the tests supply it.
 */
interface WithResolvers {
  withResolvers?: <T>() => { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void };
}

const P = Promise as unknown as WithResolvers;
P.withResolvers ??= <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

export {};
