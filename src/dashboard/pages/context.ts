import type { Viewer } from '../viewer.js';

/** What every page needs beside its data: who looks, the form token, where we are, which GitHub. */
export interface PageContext {
  /** Undefined on the sign-in page and on errors before sign-in. */
  viewer: Viewer | undefined;
  csrfToken: string | undefined;
  /** The request URL: the filters a page shows are read from it, so a link reproduces the view. */
  url: URL;
  /** GitHub's web base: `https://github.com`, or a GitHub Enterprise Server's (`https://ghe.example.com`). */
  githubUrl: string;
  now: Date;
  /** What the URL's filters got wrong (src/dashboard/filters.ts): shown above the page, the values ignored. */
  problems?: readonly string[];
}
