// How the script-tag build minifies the markup of Lit's html`` and svg`` templates (minify-literals,
// i.e. html-minifier-next), shared by tsup.config.ts and the test that checks every template still
// parses to the same DOM (test/template-minify.test.ts).
export const templateMinifyOptions = {
  caseSensitive: true,
  // To one space, never to none: between inline elements a space is content. <pre> and <textarea>
  // keep theirs.
  collapseWhitespace: true,
  conservativeCollapse: true,
  removeComments: true,
  removeAttributeQuotes: false,
  // Boolean attributes stay bare (`multiple`, not `multiple=multiple`).
  collapseBooleanAttributes: true,
  // Lit parses svg`` parts as SVG, where <path> without its slash would swallow its siblings.
  keepClosingSlash: true,
  // alt="" marks a decorative image; type attributes stay as written.
  removeEmptyAttributes: false,
  removeDefaultTypeAttributes: false,
  decodeEntities: false,
  minifyCSS: false,
  minifyJS: false,
};
