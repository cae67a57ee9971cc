// Counts in the English of the interface: "1 paragraph", "15 paragraphs", "1,000 notes".

/** `n` and the noun in the number it takes; the plural is the noun + "s" unless given. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
