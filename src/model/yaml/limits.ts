/**
 * How much of a YAML text any reader takes in, in one place. Untrusted input: a text can be huge,
 * nest without end, or expand an alias bomb to billions of nodes; each limit stops one of them with
 * bounded work. The values differ per reader because their inputs differ in size.
 */
export interface YamlLimits {
  /** Longer texts are not parsed (in UTF-16 code units, the text's length). */
  maxBytes: number;
  /** Nesting of the tree, the root being level 0; an alias adds the levels of what it refers to. */
  maxDepth: number;
  /** Nodes of the tree with every alias expanded (keys not counted), in one text. */
  maxNodes: number;
  /** Of those, the nodes that aliases expand to: where an alias bomb stops. */
  maxAliasNodes: number;
  /** Flow collections (`[`, `{`) nested deeper than this are refused before parsing: the parser's cost explodes. */
  maxFlowDepth?: number;
  /** Compact sequence indicators (`- - - a`) on one line, refused before parsing for the same reason. */
  maxDashChain?: number;
  /** Nesting (block levels, indicators and flow collections) past which the text is refused before parsing; `DEFAULT_MAX_NESTING` when unset. */
  maxNesting?: number;
}

/**
 * A limit a document went over, where. `depth` and `cycle` (an alias inside the node it refers to) leave
 * out what is too deep or cyclic and read on; `nodes` and `aliasNodes` end the reading of the text there.
 */
export interface YamlOverLimit {
  limit: 'depth' | 'cycle' | 'nodes' | 'aliasNodes';
  line: number;
  /** The alias's name, for `cycle`. */
  alias?: string;
}

const MiB = 1024 * 1024;

/** Compose files: the biggest real ones are tens of KB. Aliased nodes are shared in compose's tree, so only the expanded total counts. */
export const COMPOSE_YAML_LIMITS = { maxBytes: 2 * MiB, maxDepth: 64, maxNodes: 200_000, maxAliasNodes: 200_000 } as const satisfies YamlLimits;

/** Kubernetes manifests: larger files are CRD bundles or generated dumps, not reviewed manifests; the parser is ~2 µs/byte. */
export const KUBERNETES_YAML_LIMITS = { maxBytes: 2 * MiB, maxFlowDepth: 256, maxDashChain: 64, maxDepth: 128, maxNodes: 1_000_000, maxAliasNodes: 50_000 } as const satisfies YamlLimits;

/** CloudFormation templates, YAML or JSON: CloudFormation accepts up to 1 MB; anything far larger is not a template we need to read. */
export const CLOUDFORMATION_TEMPLATE_LIMITS = { maxBytes: 4 * MiB, maxDepth: 200, maxNodes: 500_000, maxAliasNodes: 500_000 } as const satisfies YamlLimits;

/** `.github/spof-review.yml`: a few dozen lines; a larger file is refused whole (defaults apply). */
export const CONFIG_YAML_LIMITS = { maxBytes: 256 * 1024, maxDepth: 64, maxNodes: 20_000, maxAliasNodes: 20_000 } as const satisfies YamlLimits;
