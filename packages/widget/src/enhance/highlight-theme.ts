// Token colours mixed from a hue and the text colour (--cc-color-fg): darker on the light theme, lighter
// on the dark one, so one rule set reads well on both. Each can be overridden by its own property.
const tint = (name: string, hue: string) =>
  `var(--cc-color-code-${name}, color-mix(in oklab, ${hue} 70%, var(--cc-color-fg)))`;

/** The syntax-highlighting theme: highlight.js class names coloured through `--cc-color-code-*`. */
export const highlightTheme = `
.hljs-keyword,.hljs-selector-tag,.hljs-doctag,.hljs-meta .hljs-keyword{color:${tint('keyword', '#8250df')}}
.hljs-string,.hljs-regexp,.hljs-addition,.hljs-template-tag,.hljs-selector-attr,.hljs-selector-pseudo{color:${tint('string', '#1a7f37')}}
.hljs-number,.hljs-literal,.hljs-symbol,.hljs-bullet{color:${tint('number', '#0550ae')}}
.hljs-title,.hljs-section,.hljs-selector-id,.hljs-selector-class{color:${tint('title', '#b35900')}}
.hljs-attr,.hljs-attribute,.hljs-property,.hljs-variable,.hljs-template-variable,.hljs-params{color:${tint('attr', '#0a7ea4')}}
.hljs-built_in,.hljs-type,.hljs-name,.hljs-tag{color:${tint('type', '#cf222e')}}
.hljs-comment,.hljs-quote,.hljs-meta{color:var(--cc-color-code-comment, var(--cc-color-muted));font-style:italic}
.hljs-deletion{color:var(--cc-color-error)}
.hljs-emphasis{font-style:italic}
.hljs-strong{font-weight:600}
`;
