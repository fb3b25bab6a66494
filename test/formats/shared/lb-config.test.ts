import { describe, expect, it } from 'vitest';
import { LB_LIMITS, readLbConfig } from '../../../src/formats/shared/lb-config/index.js';

const servers = (path: string, text: string) => readLbConfig(path, text)?.pools.map((p) => [p.name, p.servers.map((s) => `${s.host ?? '?'}@${s.line}`)]);

describe('load-balancer files', () => {
  it('reads nginx upstreams at any depth, without down servers, with comments and quotes', () => {
    const text = ['http {', '  upstream api { # the API', '    server api1:8080 weight=2;', '    server "api2:8080" backup;', '    server api3:8080 down;', '    server unix:/tmp/api.sock;', '  }', '  server { listen 80; location / { proxy_pass http://api; } }', '}', 'stream { upstream db { server pg1:5432; server pg2:5432; } }'].join('\n');
    expect(servers('nginx.conf', text)).toEqual([
      ['upstream api', ['api1@3', 'api2@4', '?@6']],
      ['upstream db', ['pg1@10', 'pg2@10']],
    ]);
  });

  it('reads HAProxy backend and listen sections, without disabled servers', () => {
    const text = ['global', '  maxconn 100', 'frontend www', '  bind *:80', '  default_backend web', 'backend web', '  server w1 web1:80 check', '  server w2 web2:80 check disabled', '  server w3 10.0.0.3:80 check # comment', 'listen stats', '  bind *:8404', 'listen pg', '  server p1 pg1:5432 check backup'].join('\n');
    expect(servers('haproxy.cfg', text)).toEqual([
      ['backend web', ['web1@7', '10.0.0.3@9']],
      ['listen stats', []],
      ['listen pg', ['pg1@13']],
    ]);
  });

  it('reads Envoy static clusters (load_assignment and the older hosts)', () => {
    const text = `static_resources:
  clusters:
    - name: web
      load_assignment:
        cluster_name: web
        endpoints:
          - lb_endpoints:
              - endpoint:
                  address:
                    socket_address: { address: web1, port_value: 80 }
              - endpoint:
                  address:
                    socket_address: { address: web2, port_value: 80 }
    - name: legacy
      hosts:
        - socket_address: { address: old1, port_value: 80 }
`;
    expect(servers('envoy.yaml', text)).toEqual([
      ['cluster web', ['web1@10', 'web2@13']],
      ['cluster legacy', ['old1@16']],
    ]);
  });

  it('reads Traefik file-provider services in YAML and TOML', () => {
    const yaml = 'http:\n  services:\n    app:\n      loadBalancer:\n        servers:\n          - url: "http://app1:80"\n          - url: "http://app2:80"\ntcp:\n  services:\n    db:\n      loadBalancer:\n        servers:\n          - address: "pg1:5432"\n';
    expect(servers('dynamic.yml', yaml)).toEqual([
      ['service app', ['app1@6', 'app2@7']],
      ['service db', ['pg1@13']],
    ]);
    const toml = '[http.services.app.loadBalancer]\n  servers = [\n    { url = "http://app1:80" },\n    { url = "http://app2:80" },\n  ]\n[http.services."b-2".loadBalancer]\n  [[http.services."b-2".loadBalancer.servers]]\n    url = "http://b:80"\n[http.routers.x]\n  url = "http://not-a-server"\n';
    expect(servers('dynamic.toml', toml)).toEqual([
      ['service app', ['app1@3', 'app2@4']],
      ['service b-2', ['b@8']],
    ]);
  });

  it('is not fooled by files that are no load-balancer configuration', () => {
    expect(readLbConfig('app.conf', '[server]\nport = 80\n')).toBeUndefined();
    expect(readLbConfig('prometheus.yml', 'scrape_configs:\n  - job_name: x\n')).toBeUndefined();
  });

  it('bounds the work: files over the limits are not read, and say so', () => {
    const big = `upstream a {\n${'  server x:1;\n'.repeat(LB_LIMITS.maxLines)}}\n`;
    expect(readLbConfig('nginx.conf', big)?.problem?.message).toMatch(/not read/);
    const deep = `upstream a { server x:1; }\n${'a {'.repeat(LB_LIMITS.maxDepth + 5)}`;
    expect(readLbConfig('nginx.conf', deep)?.problem?.message).toMatch(/too deep/);
  });
});
