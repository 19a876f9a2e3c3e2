// A tiny helper to build the page with DOM calls. Text always goes in as text, never
// as HTML: data from the API cannot inject markup, and the Content-Security-Policy
// (require-trusted-types-for) would refuse innerHTML anyway.

/**
 * h('a', {href: '/x', class: 'btn', onclick: fn}, 'text', otherNode)
 * Props named on* become listeners; value/checked/selected/disabled/hidden are set as
 * properties; everything else as attributes (true → empty attribute, null/false → none).
 */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (['value', 'checked', 'selected', 'disabled', 'hidden'].includes(key)) {
      element[key] = value;
    } else {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : String(child));
  }
}

/** Unique ids for label/aria-describedby pairs. */
let counter = 0;
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}
