// A small accessibility check run in the page by the browser tests (no npm, no axe): names of
// controls, text alternatives of images and charts, the page language, one h1, the WCAG AA
// contrast of every visible text against its effective background, and 3:1 for the marks of
// charts. Returns a list of problems.
() => {
  const problems = [];
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    const cls = (el.getAttribute("class") || "").trim();
    if (cls) s += "." + cls.split(/\s+/).join(".");
    const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return s + (text ? ' "' + text + '"' : "");
  };
  const labelledBy = (el) => {
    const ids = (el.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
    return ids.map((id) => document.getElementById(id)).filter(Boolean).map((e) => e.textContent.trim()).join(" ").trim();
  };
  const ariaLabel = (el) => (el.getAttribute("aria-label") || "").trim();

  // <html lang>
  if (!(document.documentElement.getAttribute("lang") || "").trim()) problems.push("html has no lang");

  // exactly one h1
  const h1s = document.querySelectorAll("h1");
  if (h1s.length !== 1) problems.push("expected one h1, found " + h1s.length);

  // every form control has an accessible name
  document.querySelectorAll("input, select, textarea").forEach((el) => {
    const type = (el.getAttribute("type") || "").toLowerCase();
    if (type === "hidden") return;
    if (type === "submit" || type === "button" || type === "reset") {
      if (!(el.value || "").trim() && !ariaLabel(el) && !labelledBy(el)) problems.push("unnamed input button: " + describe(el));
      return;
    }
    const forLabel = el.id ? Array.from(document.querySelectorAll("label")).find((l) => l.htmlFor === el.id) : null;
    const wrapping = el.closest("label");
    const named = (forLabel && forLabel.textContent.trim()) || (wrapping && wrapping.textContent.trim()) || ariaLabel(el) || labelledBy(el);
    if (!named) problems.push("form control without a label: " + describe(el));
  });

  // every button and link (and disclosure summary) has text or a label
  document.querySelectorAll("button, a[href], summary, [role=button]").forEach((el) => {
    const imgAlt = Array.from(el.querySelectorAll("img[alt]")).map((i) => i.alt.trim()).join("");
    if (!el.textContent.trim() && !ariaLabel(el) && !labelledBy(el) && !imgAlt && !(el.getAttribute("title") || "").trim()) {
      problems.push("button or link without text: " + describe(el));
    }
  });

  // images and SVG charts have a text alternative (or are hidden from assistive technology)
  document.querySelectorAll("img").forEach((el) => {
    if (!el.hasAttribute("alt")) problems.push("img without alt: " + describe(el));
  });
  document.querySelectorAll("svg").forEach((el) => {
    if (el.closest("[aria-hidden=true]")) return;
    const title = el.querySelector(":scope > title");
    if (!ariaLabel(el) && !labelledBy(el) && !(title && title.textContent.trim())) problems.push("svg without title or aria-label: " + describe(el));
  });

  // contrast of visible text
  const parse = (c) => {
    const m = /rgba?\(([^)]+)\)/.exec(c || "");
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map((v) => v.endsWith("%") ? parseFloat(v) / 100 : parseFloat(v));
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const luminance = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const ratio = (a, b) => {
    const x = luminance(a), y = luminance(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) {
        layers.push(c);
        if (c.a >= 1) break;
      }
    }
    let bg = { r: 255, g: 255, b: 255, a: 1 };
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  };
  const visible = (el) => {
    if (el.closest("svg")) return false;
    if (el.closest("details:not([open]) > :not(summary)")) return false;
    const style = getComputedStyle(el);
    if (style.visibility !== "visible" || style.display === "none" || parseFloat(style.opacity) === 0) return false;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) return false;
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.clip === "rect(0px, 0px, 0px, 0px)" || (s.overflow === "hidden" && e.getBoundingClientRect().width <= 1)) return false;
      if (s.display === "none") return false;
    }
    // skip links wait off screen until focused
    if (box.bottom < 0 && el.closest(".skip-link")) return false;
    return true;
  };
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || seen.has(el) || ["SCRIPT", "STYLE", "NOSCRIPT", "OPTION", "TITLE"].includes(el.tagName)) continue;
    seen.add(el);
    if (!visible(el) || el.closest("[disabled]")) continue;
    const style = getComputedStyle(el);
    const fg = parse(style.color);
    if (!fg) continue;
    const bg = background(el);
    const r = ratio(over(fg, bg), bg);
    const size = parseFloat(style.fontSize);
    const bold = parseInt(style.fontWeight, 10) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    const needed = large ? 3 : 4.5;
    if (r < needed) {
      problems.push("contrast " + r.toFixed(2) + " < " + needed + " for " + describe(el) + " (" + style.color + " on rgb(" +
        Math.round(bg.r) + ", " + Math.round(bg.g) + ", " + Math.round(bg.b) + "))");
    }
  }
  // the marks of charts (bars, areas, lines) stand out from their background by 3:1 (WCAG 1.4.11),
  // by their fill or their outline; shapes drawn in neither (hover targets) are left alone
  document.querySelectorAll("svg").forEach((svg) => {
    if (svg.closest("[aria-hidden=true]") || !visible(svg.parentElement || svg)) return;
    const bg = background(svg.parentElement || svg);
    svg.querySelectorAll("rect, path, line, polyline, polygon, circle, ellipse").forEach((shape) => {
      const style = getComputedStyle(shape);
      if (style.display === "none" || style.visibility !== "visible") return;
      const paint = (value, opacity) => {
        const c = parse(value);
        return c && c.a * parseFloat(opacity) > 0 ? { r: c.r, g: c.g, b: c.b, a: c.a * parseFloat(opacity) } : null;
      };
      const lineLike = ["line", "polyline"].includes(shape.tagName.toLowerCase());
      const fill = lineLike ? null : paint(style.fill, style.fillOpacity);
      const stroke = parseFloat(style.strokeWidth) > 0 ? paint(style.stroke, style.strokeOpacity) : null;
      if (!fill && !stroke) return;
      const best = Math.max(fill ? ratio(over(fill, bg), bg) : 0, stroke ? ratio(over(stroke, bg), bg) : 0);
      if (best < 3) {
        problems.push("chart mark contrast " + best.toFixed(2) + " < 3 for " + describe(shape) + " (fill " + style.fill + ", stroke " +
          style.stroke + " on rgb(" + Math.round(bg.r) + ", " + Math.round(bg.g) + ", " + Math.round(bg.b) + "))");
      }
    });
  });
  return problems;
}
