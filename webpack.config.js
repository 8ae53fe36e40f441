/* Builds the Excel add-in into dist/: taskpane.html, commands.html, assets/ and manifest.xml.
 *
 *   npm run build        production build; URLs in dist/manifest.xml point at ADDIN_PUBLIC_URL
 *   npm run build:dev    development build; manifest keeps https://localhost:3000/
 *   npm run dev-server   https://localhost:3000 with the Office dev certificate
 *                        (ADDIN_HTTP=1 serves plain http, e.g. for a headless browser)
 */
/* eslint-disable no-undef */
const path = require("path");
const { typescriptRule } = require("./webpack.shared");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const urlDev = "https://localhost:3000/";

/** Where the built add-in will be served from, e.g. https://intranet.example.gov.cn/gongkai-audit/ */
function publicUrl() {
  const url = (process.env.ADDIN_PUBLIC_URL || "").trim();
  if (!url) return undefined;
  return url.endsWith("/") ? url : `${url}/`;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Trusted localhost certificate (office-addin-dev-certs); only ever called when serving. */
async function httpsServer() {
  const devCerts = require("office-addin-dev-certs");
  const options = await devCerts.getHttpsServerOptions();
  return { type: "https", options: { ca: options.ca, key: options.key, cert: options.cert } };
}

/** The add-in must never bundle exceljs: Excel itself is the reader here. */
function forbidExceljs({ request }, callback) {
  if (request && /^exceljs(\/|$)/.test(request)) {
    return callback(new Error("exceljs 不能打包进 Excel 加载项（加载项通过 Office.js 读取工作簿）"));
  }
  return callback();
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE);
  const urlProd = publicUrl();
  if (!dev && !urlProd) {
    console.warn("ADDIN_PUBLIC_URL 未设置：dist/manifest.xml 中的地址仍是 https://localhost:3000/。");
  }
  if (urlProd && !urlProd.startsWith("https://")) {
    console.warn(`ADDIN_PUBLIC_URL 应为 https 地址，Office 不加载 http 页面：${urlProd}`);
  }

  return {
    mode: dev ? "development" : "production",
    context: __dirname,
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    externals: [forbidExceljs],
    module: {
      rules: [
        typescriptRule(dev),
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext][query]" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              if (dev || !urlProd) return content;
              return content.toString().replace(new RegExp(escapeRegExp(urlDev), "g"), urlProd);
            },
          },
        ],
      }),
    ],
    performance: { hints: false },
    devServer: {
      hot: false,
      liveReload: true,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: serving && !process.env.ADDIN_HTTP ? await httpsServer() : "http",
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    },
  };
};
