/* Builds the standalone checker page into dist-web/: index.html and its scripts, nothing else.
 *
 *   npm run build:web    production build into dist-web/ (copy the folder to any web server, or open index.html)
 *   npm run dev:web      development server on http://localhost:3001 (plain http, no certificates)
 *
 * Everything runs in the browser: the page loads no external script, font or style, and the
 * production page forbids network requests from script (Content-Security-Policy connect-src 'none').
 * exceljs comes from its browser build (dist/exceljs.min.js) in a chunk of its own, loaded when
 * the first workbook is opened.
 */
/* eslint-disable no-undef */
const path = require("path");
const { typescriptRule } = require("./webpack.shared");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { Compilation } = require("webpack");

const EXCELJS_BROWSER = require.resolve("exceljs/dist/exceljs.min.js");

/** No script may talk to the network; styles are injected at runtime by Fluent UI. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "base-uri 'none'",
].join("; ");

/**
 * exceljs.min.js is minified already: mark its chunk as such so the minimizer passes it by
 * (minifying it again saves nothing and takes longer than the rest of the build).
 */
class KeepPrebuiltMinified {
  constructor(chunkName) {
    this.chunkName = chunkName;
  }

  apply(compiler) {
    const name = "KeepPrebuiltMinified";
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.hooks.processAssets.tap({ name, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE - 1 }, () => {
        for (const chunk of compilation.chunks) {
          if (chunk.name !== this.chunkName) continue;
          for (const file of chunk.files) {
            if (file.endsWith(".js")) compilation.updateAsset(file, (source) => source, { minimized: true });
          }
        }
      });
    });
  }
}

module.exports = (env = {}, options = {}) => {
  const dev = options.mode === "development";
  return {
    name: "web",
    mode: dev ? "development" : "production",
    context: __dirname,
    target: "web",
    devtool: dev ? "source-map" : false,
    entry: { web: "./src/web/index.tsx" },
    output: {
      path: path.resolve(__dirname, "dist-web"),
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      chunkFilename: dev ? "[name].js" : "[name].[contenthash:8].js",
      // Relative to the page, so dist-web/ works under any path, from a plain file server or from disk.
      publicPath: "",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // The browser build of exceljs bundles its own zip, stream and Buffer shims.
      alias: { exceljs$: EXCELJS_BROWSER },
    },
    module: {
      // A finished UMD bundle: nothing in it for webpack to resolve.
      noParse: [EXCELJS_BROWSER],
      rules: [
        typescriptRule(dev),
      ],
    },
    optimization: {
      // One compress pass: half the build time of the default two, a few KiB larger.
      minimizeOptions: { javascript: { compress: { passes: 1 } } },
      splitChunks: {
        cacheGroups: {
          exceljs: {
            test: (module) => module.resource === EXCELJS_BROWSER,
            name: "exceljs",
            chunks: "all",
            enforce: true,
          },
        },
      },
    },
    plugins: [
      new KeepPrebuiltMinified("exceljs"),
      new HtmlWebpackPlugin({
        filename: "index.html",
        template: "./src/web/index.html",
        chunks: ["web"],
        templateParameters: { csp: dev ? "" : CSP },
      }),
    ],
    performance: { hints: false },
    devServer: {
      hot: false,
      liveReload: true,
      server: "http",
      host: "localhost",
      port: Number(process.env.WEB_PORT || 3001),
      static: false,
    },
  };
};
