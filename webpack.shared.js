const path = require("path");

/** TypeScript for both bundles (add-in and browser page): type checking is `npm run typecheck`, the bundle only needs the emitted JS. */
function typescriptRule(dev) {
  return {
    test: /\.tsx?$/,
    exclude: /node_modules/,
    use: {
      loader: "ts-loader",
      options: {
        configFile: path.resolve(__dirname, "tsconfig.json"),
        transpileOnly: true,
        compilerOptions: { module: "es2020", sourceMap: dev },
      },
    },
  };
}

module.exports = { typescriptRule };
