// Places findings in the XML text: bpmn-moddle keeps no positions, so an element is found by its
// `id="..."` attribute and a mapping by its `<...:property name="..." value="...">` tag after it.

/** A 1-based line and column. */
export interface TextPosition {
  line: number;
  column: number;
}

/** Converts string offsets to positions; built once per file. */
export class XmlLocator {
  private readonly lineStarts: number[] = [0];

  constructor(readonly xml: string) {
    for (let i = 0; i < xml.length; i++) if (xml[i] === '\n') this.lineStarts.push(i + 1);
  }

  /** The position of a 0-based offset. */
  position(offset: number): TextPosition {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low]! + 1 };
  }

  /** The offset of the first `id="<id>"` attribute (either quote), or undefined. */
  idOffset(id: string): number | undefined {
    const match = new RegExp(`\\sid\\s*=\\s*(["'])${escapeRegExp(id)}\\1`).exec(this.xml);
    return match ? match.index + 1 : undefined;
  }

  /** The position of an element, by its id. */
  element(id: string): TextPosition | undefined {
    const offset = this.idOffset(id);
    return offset === undefined ? undefined : this.position(offset);
  }

  /**
   * The offset in the XML of character `index` of the value of the first `<x:property name="<name>">`
   * after element `elementId`, undoing entity escapes (`&amp;` is one character of the value).
   */
  propertyValueOffset(elementId: string, name: string, index: number): number | undefined {
    const from = this.idOffset(elementId);
    if (from === undefined) return undefined;
    for (const tag of tags(this.xml, from)) {
      // The next element with an id (another flow node) ends the search.
      if (tag.attributes.has('id') && !/:propert(y|ies)$/.test(tag.name)) return undefined;
      if (!/^[\w.-]+:property$/.test(tag.name)) continue;
      if (decode(tag.attributes.get('name')?.raw ?? '') !== name) continue;
      const value = tag.attributes.get('value');
      return value ? value.offset + rawIndex(value.raw, index) : tag.offset;
    }
    return undefined;
  }
}

interface Tag {
  name: string;
  offset: number;
  attributes: Map<string, { raw: string; offset: number }>;
}

/** Start tags from an offset on, attribute-aware (a `>` inside a quoted value does not end a tag). */
function* tags(xml: string, from: number): Generator<Tag> {
  let i = xml.indexOf('<', from);
  while (i >= 0) {
    const name = /^<([\w.:-]+)/.exec(xml.slice(i, i + 200));
    if (!name) {
      i = xml.indexOf('<', i + 1);
      continue;
    }
    const tag: Tag = { name: name[1]!, offset: i, attributes: new Map() };
    let j = i + name[0].length;
    const attribute = /\s*([\w.:-]+)\s*=\s*(["'])/y;
    for (;;) {
      attribute.lastIndex = j;
      const match = attribute.exec(xml);
      if (!match) break;
      const start = attribute.lastIndex;
      const end = xml.indexOf(match[2]!, start);
      if (end < 0) return;
      tag.attributes.set(match[1]!, { raw: xml.slice(start, end), offset: start });
      j = end + 1;
    }
    yield tag;
    i = xml.indexOf('<', j);
  }
}

/** The index in raw attribute text of character `index` of its decoded value. */
function rawIndex(raw: string, index: number): number {
  let decoded = 0;
  let i = 0;
  while (i < raw.length && decoded < index) {
    if (raw[i] === '&') {
      const end = raw.indexOf(';', i);
      i = end < 0 ? i + 1 : end + 1;
    } else i++;
    decoded++;
  }
  return i;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string): string {
  return raw.replace(/&(#x[0-9a-f]+|#[0-9]+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity] ?? whole;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
