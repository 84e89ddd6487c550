// schema.js reads and writes a project's label schema as short lines, one
// label per line, for the "New project" dialog:
//
//	CLAIM #d97706 c checkworthy:enum(yes|no) verdict:enum(unverified|true|false)=unverified note:text
//
// A name, a #rrggbb colour, then optionally a one-character hotkey, then
// attributes as name:text, name:url or name:enum(v1|v2|…), each with an
// optional =default. Blank lines and lines starting with // are skipped.
// The server checks the rest (ValidateProject): names, duplicates, hotkeys.

/** formatLabels writes labels as lines parseLabels reads back. */
export function formatLabels(labels) {
  return labels
    .map((l) => {
      const parts = [l.name, l.color];
      if (l.hotkey) parts.push(l.hotkey);
      for (const a of l.attrs || []) {
        let t = `${a.name}:${a.type}`;
        if (a.type === 'enum') t += `(${(a.values || []).join('|')})`;
        if (a.default) t += `=${a.default}`;
        parts.push(t);
      }
      return parts.join(' ');
    })
    .join('\n');
}

/**
 * parseLabels reads lines into [{name, color, hotkey, attrs}]. It throws
 * an Error naming the line for what is not in the format.
 */
export function parseLabels(text) {
  const labels = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('//')) return;
    const at = `line ${i + 1}`;
    const tokens = line.match(/[^\s(]+(\([^)]*\))?[^\s]*/g) || [];
    const [name, color, ...rest] = tokens;
    if (!color || !/^#[0-9a-fA-F]{6}$/.test(color)) throw new Error(`${at}: after the name comes a colour as #rrggbb`);
    const label = { name, color: color.toLowerCase(), attrs: [] };
    if (rest.length && !rest[0].includes(':')) label.hotkey = rest.shift();
    for (const t of rest) {
      const m = t.match(/^([^:]+):(text|url|enum)(?:\(([^)]*)\))?(?:=(.*))?$/);
      if (!m) throw new Error(`${at}: "${t}" is not an attribute (name:text, name:url or name:enum(a|b))`);
      const [, aname, type, values, def] = m;
      const attr = { name: aname, type };
      if (type === 'enum') {
        if (values === undefined) throw new Error(`${at}: enum attribute ${aname} needs its values, as ${aname}:enum(a|b)`);
        attr.values = values.split('|').filter(Boolean);
      } else if (values !== undefined) {
        throw new Error(`${at}: only enum attributes take values`);
      }
      if (def) attr.default = def;
      label.attrs.push(attr);
    }
    labels.push(label);
  });
  if (!labels.length) throw new Error('add at least one label, one per line: NAME #rrggbb key');
  return labels;
}
