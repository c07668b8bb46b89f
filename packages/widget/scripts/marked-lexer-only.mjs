// The widget uses only marked's Lexer and Tokenizer (tokens become DOM nodes, never HTML strings), but
// marked's single ES module ends with statements that configure its default instance (`marked.Parser =
// ...`), which keep the HTML parser and renderer in every bundle (~3 KB min+gz). This esbuild plugin cuts
// that tail and exports only the two classes from the script-tag build. A marked release with another
// layout fails the build here instead of silently growing the bundle.
import { readFile } from 'node:fs/promises';

/** @type {import('esbuild').Plugin} */
export const markedLexerOnly = {
  name: 'marked-lexer-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]marked[\\/]lib[\\/]marked\.esm\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const tail =
        /var (\w+)=new \w+;function \w+\(\w+,\w+\)\{return \1\.parse\(\w+,\w+\)\}[\s\S]*?export\{([^}]*)\};/.exec(
          source,
        );
      if (!tail) throw new Error(`marked-lexer-only: unexpected layout of ${args.path}`);
      const kept = (tail[2] ?? '').split(',').filter((e) => / as (Lexer|Tokenizer)$/.test(e));
      if (kept.length !== 2) throw new Error(`marked-lexer-only: Lexer and Tokenizer not found in ${args.path}`);
      const contents = `${source.slice(0, tail.index)}export{${kept.join(',')}};${source.slice(tail.index + tail[0].length)}`;
      return { contents, loader: 'js' };
    });
  },
};
