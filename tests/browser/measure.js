// What a reader sees of every concept graph on the page, measured in the browser.
// Needs shadow roots forced open (see conftest.py): Material renders Mermaid in a closed one.
// Only the graphs shown: each part of an entry's graph is drawn wide and narrow, and CSS
// hides one of them (`display: none`) by the width of the column.
() => {
  const parse = (c) => (c.match(/[\d.]+/g) || []).slice(0, 4).map(Number);
  const luminance = (c) => {
    const [r, g, b] = parse(c).map((v) => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const textElements = (root) =>
    [...root.querySelectorAll("*")].filter((el) =>
      [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()));
  const doc = document.documentElement;
  const shown = (el) => el.getClientRects().length > 0;
  return [...document.querySelectorAll("div.mermaid")].filter(shown).map((host) => {
    const svg = host.shadowRoot && host.shadowRoot.querySelector("svg");
    if (!svg) return { rendered: false };
    const box = svg.getBoundingClientRect();
    const column = host.closest(".vault-graph, .vault-graph-narrow") || host.parentElement;
    const columnBox = column.getBoundingClientRect();
    const article = document.querySelector("article.md-content__inner");
    const articleStyle = getComputedStyle(article);
    const articleBox = article.getBoundingClientRect();
    const scale = svg.getScreenCTM().a;
    const nodes = [...svg.querySelectorAll("g.node")].map((node) => {
      const label = node.querySelector(".label, foreignObject") || node;
      const shape = [...node.querySelectorAll("rect, path, polygon, circle, ellipse")]
        .find((s) => !s.closest(".label, foreignObject"));
      const fill = shape ? getComputedStyle(shape).fill : "none";
      const texts = textElements(label).map((el) => {
        const style = getComputedStyle(el);
        return { px: parseFloat(style.fontSize) * scale, color: style.color };
      });
      const r = node.getBoundingClientRect();
      // How far the text sticks out of its shape (0 when it fits).
      const s = shape ? shape.getBoundingClientRect() : r;
      const spill = textElements(label).map((el) => {
        const t = el.getBoundingClientRect();
        return Math.max(0, s.left - t.left, t.right - s.right, s.top - t.top, t.bottom - s.bottom);
      });
      const link = node.closest("a");
      const titled = node.querySelector("[title]");
      return {
        id: node.id.replace(/^.*flowchart-/, "").replace(/-\d+$/, ""),
        classes: node.getAttribute("class"),
        text: (label.innerText || label.textContent).replace(/\s+/g, " ").trim(),
        minPx: Math.min(...texts.map((t) => t.px)),
        contrast: Math.min(...texts.map((t) => contrast(t.color, fill))),
        fill,
        colors: [...new Set(texts.map((t) => t.color))],
        box: [r.left, r.top, r.right, r.bottom],
        spill: Math.max(0, ...spill),
        href: link ? link.getAttribute("xlink:href") || link.getAttribute("href") : null,
        title: titled ? titled.getAttribute("title") : null,
      };
    });
    const elements = [...svg.querySelectorAll("*")].map((e) => e.tagName.toLowerCase());
    return {
      rendered: true,
      error: svg.getAttribute("aria-roledescription") === "error",
      width: box.width,
      height: box.height,
      left: box.left,
      right: box.right,
      columnLeft: columnBox.left,
      columnRight: columnBox.right,
      articleContentLeft: articleBox.left + parseFloat(articleStyle.paddingLeft),
      articleContentRight: articleBox.right - parseFloat(articleStyle.paddingRight),
      hostOverflow: host.scrollWidth - host.clientWidth,
      pageOverflow: doc.scrollWidth - doc.clientWidth,
      scale,
      nodes,
      tags: [...new Set(elements)],
      bold: svg.querySelectorAll("b").length,
      links: svg.querySelectorAll("a").length,
      scheme: document.body.getAttribute("data-md-color-scheme"),
    };
  });
};
