// The editor's page picker (publishing/page_links.py): a search box under each rich-text
// box finds published pages by title (publishing/page_search.py); the chosen page becomes
// a link that keeps its reference, <a href="/en/notices/visa/" data-page="notices.notice:42">,
// so the site can give it the page's current address. Loaded by django-prose-editor as an
// extension module (settings.DJANGO_PROSE_EDITOR_EXTENSIONS): no inline script.
import { Extension } from "django-prose-editor/editor"

let pickers = 0

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value)
  if (text) node.textContent = text
  return node
}

function choose(editor, result) {
  const attrs = { href: result.url, page: result.page }
  // Focus now: the chain's focus() waits for the next frame, and keys pressed before it
  // went astray.
  editor.view.focus()
  const chain = editor.chain()
  if (editor.state.selection.empty && !editor.isActive("link")) {
    chain.insertContent({ type: "text", text: result.title, marks: [{ type: "link", attrs }] })
  } else {
    chain.extendMarkRange("link").setLink(attrs)
  }
  // The cursor ends after the link, and what is typed next is not part of it: a link
  // mark reaches over text typed at its end, which the browser's own typing avoids but
  // an input method's text (or a slower frame) did not.
  chain
    .command(({ tr, commands }) => commands.setTextSelection(tr.selection.to))
    .unsetMark("link")
    .run()
}

function build(editor, options) {
  const wrapper = editor.options.element.closest(".prose-editor") || editor.options.element
  const id = `page-picker-${++pickers}`
  const labels = options.labels
  const box = element("div", { class: "page-picker" })
  const input = element("input", {
    type: "search",
    id,
    autocomplete: "off",
    "aria-describedby": `${id}-help`,
    "aria-controls": `${id}-results`,
  })
  const status = element("p", { class: "page-picker-status", role: "status" })
  const list = element("ul", { class: "page-picker-results", id: `${id}-results` })
  box.append(
    element("label", { for: id }, labels.label),
    input,
    element("p", { class: "help", id: `${id}-help` }, labels.help),
    status,
    list,
  )
  wrapper.after(box)

  let timer = null
  let asked = 0
  async function search() {
    const words = input.value.trim()
    list.replaceChildren()
    if (words.length < 2) {
      status.textContent = ""
      return
    }
    const mine = ++asked
    const response = await fetch(`${options.searchUrl}?q=${encodeURIComponent(words)}`, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
    if (mine !== asked) return // a later search has been typed meanwhile
    if (!response.ok) {
      status.textContent = labels.failed
      return
    }
    const { results } = await response.json()
    status.textContent = results.length ? labels.found.replace("%s", results.length) : labels.none
    for (const result of results) {
      const button = element("button", { type: "button", "data-page": result.page }, result.title)
      button.addEventListener("click", () => {
        choose(editor, result)
        status.textContent = labels.linked.replace("%s", result.title)
        list.replaceChildren()
        input.value = ""
      })
      const item = element("li")
      item.append(button, element("span", {}, ` ${result.kind} · ${result.url}`))
      list.append(item)
    }
  }
  input.addEventListener("input", () => {
    clearTimeout(timer)
    timer = setTimeout(search, 250)
  })
  // Enter searches at once instead of sending the admin form.
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault()
      clearTimeout(timer)
      search()
    }
  })
}

export const PageLink = Extension.create({
  name: "pageLink",
  addOptions() {
    return { searchUrl: "", labels: {} }
  },
  addGlobalAttributes() {
    return [
      {
        types: ["link"],
        attributes: {
          page: {
            default: null,
            parseHTML: (node) => node.getAttribute("data-page"),
            renderHTML: (attributes) => (attributes.page ? { "data-page": attributes.page } : {}),
          },
        },
      },
    ]
  },
  addCommands() {
    return {
      // A link given an address by hand (the toolbar's dialog) names no page any more.
      setLink:
        (attributes) =>
        ({ chain }) =>
          chain()
            .setMark("link", { page: null, ...attributes })
            .setMeta("preventAutolink", true)
            .run(),
    }
  },
  onCreate() {
    if (this.options.searchUrl) build(this.editor, this.options)
  },
})
