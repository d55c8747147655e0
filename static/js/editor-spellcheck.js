// Spell-checking on in the rich-text boxes. django-prose-editor turns it off by default
// ("NoSpellCheck", disabled in publishing/richtext.py); the explicit attribute keeps it on
// whatever a browser's own default for editable areas is.
document.addEventListener("prose-editor:ready", (event) => {
  event.detail.editor.view.dom.setAttribute("spellcheck", "true");
});
