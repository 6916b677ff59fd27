import depthLimit from "graphql-depth-limit";

/** PostGraphile V5 has no depth limit of its own; this rule also sees depth hidden in fragments. */
export function makeDepthLimitPlugin(maxDepth: number): GraphileConfig.Plugin {
  return {
    name: "DepthLimitPlugin",
    version: "1.0.0",
    grafserv: {
      middleware: {
        setPreset(next, event) {
          event.validationRules.push(depthLimit(maxDepth));
          return next();
        },
      },
    },
  };
}
