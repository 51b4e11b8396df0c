"""Execute every notebook and write the course as an accessible static site.

Usage: python tools/build_html.py [--output site] [--timeout 600] [NOTEBOOK ...]

For reading without a kernel and for projecting in class.  Runs offline, and the site
works opened from disk (``site/index.html``): nothing is fetched from the network.

Each notebook runs in a fresh kernel from the notebooks folder (outputs are fresh,
never stored in the repository) and becomes one page, written by this script rather
than by nbconvert's lab template so that every page meets WCAG 2.1 AA (checked by
``tests/test_site.py`` with axe-core):

- the page language is set, a skip link leads to the lesson, headings keep their order,
  links are underlined and every colour has at least 6:1 contrast (``tools/site/course.css``);
- a figure's ``<img alt>`` is the text alternative that ``helpers.plotting.show(fig,
  alt=...)`` stored in the output; a figure without one is reported here and fails the test;
- formulas become MathML (read by screen readers, no script needed);
- worked solutions (cells tagged ``solution`` or with a hidden source) are closed
  ``<details>``, as they are collapsed in the notebooks;
- interactive explorers, which need a live kernel, appear as a snapshot: their figure
  (with its alt text), their sound and their controls' starting values;
- every page has the course contents, previous/next links, the list of its sections and
  a search box; ``search.html`` searches an index of every section, in the browser.

Kernels talk to this script over IPC sockets where the system has them (Linux, macOS),
so ipykernel has no reason to warn about unencrypted TCP.
"""

from __future__ import annotations

import argparse
import base64
import html
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ASSETS = Path(__file__).resolve().parent / "site"
COURSE = "Audio signal processing for machine learning"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
FALLBACK_IMG = re.compile(r'<img src="(?P<src>data:image/png;base64,[^"]+)" alt="(?P<alt>[^"]*)"')
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


# --- text helpers --------------------------------------------------------------------


def esc(text):
    return html.escape(str(text), quote=True)


def slugify(text):
    """An id for a heading: lower case words joined by hyphens."""
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text).lower()
    text = re.sub(r"[^\w\s-]", "", text, flags=re.UNICODE)
    return re.sub(r"[\s_-]+", "-", text).strip("-") or "section"


def plain_text(markdown):
    """Markdown without its markup, for the search index and summaries."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    # Formulas: keep their letters and numbers, drop TeX commands and braces.
    text = re.sub(
        r"\$\$?(.+?)\$\$?",
        lambda m: re.sub(r"\\[A-Za-z]+|[{}^_\\]", " ", m.group(1)),
        text,
        flags=re.S,
    )
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"[*_`#>|$\\]", " ", text)
    return " ".join(text.split())


def source(cell):
    return cell.source if isinstance(cell.source, str) else "".join(cell.source)


# --- markdown with MathML ------------------------------------------------------------


def _math_to_mathml(tex, display):
    from latex2mathml.converter import convert

    # \_ inside \text{}/\texttt{} is an escaped underscore in LaTeX; latex2mathml keeps
    # the backslash there.
    tex = re.sub(
        r"\\(text|texttt|mathrm)\{([^{}]*)\}",
        lambda m: "\\" + m.group(1) + "{" + m.group(2).replace("\\_", "_") + "}",
        tex,
    )
    return convert(tex.strip(), display="block" if display else "inline")


def make_markdown_renderer(page_ids, problems, where):
    """A mistune renderer (nbconvert's, for its math parsing) with MathML and heading ids."""
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
    from pygments import highlight
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    class CourseRenderer(IPythonRenderer):
        def heading(self, text, level, **attrs):
            slug = base = slugify(text)
            n = 2
            while slug in page_ids:
                slug, n = f"{base}-{n}", n + 1
            page_ids[slug] = (level, re.sub(r"<[^>]+>", "", text))
            return f'<h{level} id="{slug}">{text}</h{level}>\n'

        def _math(self, body, display):
            try:
                return _math_to_mathml(html.unescape(body), display)
            except Exception as exc:  # keep the formula readable as TeX, and say so
                problems.append(f"{where}: formula {body!r} not converted to MathML ({exc})")
                return f"<code>{esc(body)}</code>"

        def block_math(self, body):
            return self._math(body, True)

        def inline_math(self, body):
            return self._math(body, False)

        def latex_environment(self, name, body):
            return self._math(f"\\begin{{{name}}}{body}\\end{{{name}}}", True)

        def block_code(self, code, info=None):
            lang = (info or "").strip().split(maxsplit=1)[0] if info else ""
            try:
                lexer = get_lexer_by_name(lang or "text")
            except ClassNotFound:
                lexer = get_lexer_by_name("text")
            return highlight(code, lexer, code_formatter())

        def link(self, text, url, title=None):
            # Links between notebooks point at their pages.
            url = re.sub(r"^(\d\d_[\w-]+)\.ipynb(#|$)", r"\1.html\2", url)
            return super().link(text, url, title)

    def render(text, attachments=None):
        renderer = CourseRenderer(escape=False, attachments=attachments)
        return MarkdownWithMath(renderer=renderer).render(text)

    return render


# --- code highlighting with an accessible palette --------------------------------------

_FORMATTER = None


def code_formatter():
    global _FORMATTER
    if _FORMATTER is None:
        from pygments.formatters import HtmlFormatter
        from pygments.style import Style
        from pygments.token import (
            Comment,
            Error,
            Generic,
            Keyword,
            Name,
            Number,
            Operator,
            String,
            Token,
        )

        class CourseStyle(Style):
            """Every colour has at least 6:1 contrast on the code background #f5f6f8."""

            background_color = "#f5f6f8"
            styles = {
                Token: "#1b1f24",
                Comment: "italic #4f5b66",
                Keyword: "bold #7c1d8f",
                Operator.Word: "bold #7c1d8f",
                Name.Builtin: "#8a4100",
                Name.Function: "#1a4fa0",
                Name.Class: "bold #1a4fa0",
                Name.Decorator: "#8a4100",
                Name.Exception: "#a4001c",
                String: "#116329",
                Number: "#0a4f8a",
                Error: "#a4001c",
                Generic.Error: "#a4001c",
                Generic.Traceback: "#a4001c",
            }

        _FORMATTER = HtmlFormatter(style=CourseStyle, cssclass="highlight", nowrap=False)
    return _FORMATTER


def highlight_python(code):
    from pygments import highlight
    from pygments.lexers import PythonLexer

    return highlight(code, PythonLexer(), code_formatter())


# --- outputs -------------------------------------------------------------------------


class Page:
    """What one notebook becomes: its body, sections, figures without alt, search entries."""

    def __init__(self, name, notebook):
        self.name = name
        self.notebook = notebook
        self.ids = {}  # heading id -> (level, text)
        self.problems = []  # figures without alt, formulas not converted, ...
        self.widgets = widget_models(notebook)


def widget_models(notebook):
    """The saved widget state: model id -> {"model_name", "state"} with buffers decoded."""
    state = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    models = {}
    for model_id, model in state.items():
        values = dict(model.get("state", {}))
        for buffer in model.get("buffers", []):
            data = buffer.get("data", "")
            raw = base64.b64decode(data) if buffer.get("encoding") == "base64" else data
            target = values
            path = buffer["path"]
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = raw
        models[model_id] = {"model_name": model.get("model_name", ""), "state": values}
    return models


def _format_value(value, fmt):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return esc(value)
    try:
        return esc(format(value, fmt or "g"))
    except (TypeError, ValueError):
        return esc(f"{value:g}")


def render_widget(page, model_id, where, depth=0):
    """A static snapshot of a widget: what it shows now, with nothing that pretends to move."""
    model = page.widgets.get(model_id.replace("IPY_MODEL_", ""))
    if model is None or depth > 20:
        return ""
    name, state = model["model_name"], model["state"]
    children = state.get("children", [])
    if name in ("VBoxModel", "HBoxModel", "BoxModel", "GridBoxModel", "AccordionModel", "TabModel"):
        parts = [render_widget(page, child, where, depth + 1) for child in children]
        return "\n".join(p for p in parts if p)
    if name in ("HTMLModel", "HTMLMathModel"):
        value = state.get("value", "")
        return f'<div class="widget-html">{value}</div>' if value.strip() else ""
    if name == "LabelModel":
        return f"<p>{esc(state.get('value', ''))}</p>"
    if name == "ImageModel":
        data = state.get("value", b"")
        fmt = state.get("format", "png")
        if not data:
            return ""
        src = f"data:image/{esc(fmt)};base64,{base64.b64encode(data).decode('ascii')}"
        return image_tag(page, src, state.get("tooltip") or None, where)
    if name == "AudioModel":
        data = state.get("value", b"")
        if not data:
            return ""
        label = state.get("tooltip") or "Sound of the explorer at its starting values"
        src = f"data:audio/{esc(state.get('format', 'wav'))};base64,"
        src += base64.b64encode(data).decode("ascii")
        return f'<audio controls preload="none" aria-label="{esc(label)}" src="{src}"></audio>'
    if name in ("FloatProgressModel", "IntProgressModel"):
        value, top = state.get("value", 0), state.get("max", 100)
        label = state.get("description") or "Progress"
        return f'<progress aria-label="{esc(label)}" value="{value}" max="{top}"></progress>'
    if name == "OutputModel":
        return "\n".join(render_output(page, out, where) for out in state.get("outputs", []))
    if "value" in state and name.endswith("Model") and not name.startswith("Button"):
        # Sliders, dropdowns, check boxes, text boxes: their description and value.
        label = state.get("description") or name.removesuffix("Model")
        value = state["value"]
        if isinstance(value, (list, tuple)):
            shown = " to ".join(_format_value(v, state.get("readout_format")) for v in value)
        elif "_options_labels" in state and isinstance(state.get("index"), int):
            shown = esc(state["_options_labels"][state["index"]])
        else:
            shown = _format_value(value, state.get("readout_format"))
        return f'<p class="control">{esc(label)}: <strong>{shown}</strong></p>'
    return ""


def image_tag(page, src, alt, where):
    if alt is None or not str(alt).strip():
        page.problems.append(
            f"{where}: a figure without a text alternative (show it with "
            f"helpers.plotting.show(fig, alt=...))"
        )
        return f'<img src="{src}">'
    return f'<img src="{src}" alt="{esc(alt)}">'


def render_output(page, output, where):
    kind = output.get("output_type")
    if kind == "stream":
        text = ANSI.sub("", output.get("text", ""))
        if not text.strip():
            return ""
        css = "stderr" if output.get("name") == "stderr" else "stdout"
        return f'<pre class="{css}">{esc(text.rstrip())}</pre>'
    if kind == "error":
        trace = ANSI.sub("", "\n".join(output.get("traceback", [])))
        return f'<pre class="stderr">{esc(trace)}</pre>'
    data = output.get("data", {})
    meta = output.get("metadata", {})
    if meta.get("helpers", {}).get("needs_kernel"):
        # A widget that only works live (the recorder): its own note, not a dead widget.
        data = {k: v for k, v in data.items() if k != WIDGET_VIEW}
    if WIDGET_VIEW in data:
        body = render_widget(page, data[WIDGET_VIEW].get("model_id", ""), where)
        picture = FALLBACK_IMG.search(data.get("text/html", ""))
        if body and picture and "<img" not in body:
            # An explorer draws on a canvas widget, which has no static form: its picture
            # comes from the output's HTML fallback (a PNG with the explorer's alt text).
            img = image_tag(page, picture["src"], html.unescape(picture["alt"]), where)
            at = body.find("<audio")
            body = body + "\n" + img if at < 0 else body[:at] + img + "\n" + body[at:]
        if body:
            return (
                '<div class="explorer">\n<p class="explorer-note">A snapshot of an interactive '
                "explorer at its starting values. Open the notebook in JupyterLab to move its "
                f"controls.</p>\n{body}\n</div>"
            )
    if "image/png" in data:
        alt = meta.get("image/png", {}).get("alt")
        return image_tag(page, f"data:image/png;base64,{data['image/png'].strip()}", alt, where)
    if "image/jpeg" in data:
        alt = meta.get("image/jpeg", {}).get("alt")
        return image_tag(page, f"data:image/jpeg;base64,{data['image/jpeg'].strip()}", alt, where)
    if "text/html" in data:
        return f'<div class="html-output">{data["text/html"]}</div>'
    if "text/markdown" in data:
        return make_markdown_renderer(page.ids, page.problems, where)(data["text/markdown"])
    if "text/plain" in data:
        text = data["text/plain"]
        if WIDGET_VIEW in data:
            return ""  # a widget that has no static form: nothing useful to show
        return f"<pre>{esc(ANSI.sub('', text))}</pre>"
    return ""


def is_solution(cell):
    meta = cell.get("metadata", {})
    hidden = meta.get("jupyter", {})
    return "solution" in meta.get("tags", []) or bool(hidden.get("source_hidden"))


def render_cell(page, cell, index, render_markdown):
    where = f"{page.name}, cell {index}"
    if cell.cell_type == "markdown":
        text = render_markdown(source(cell), cell.get("attachments"))
        return f'<div class="cell markdown" data-cell="{index}">\n{text}</div>'
    if cell.cell_type != "code":
        return ""
    code = source(cell)
    parts = []
    if code.strip():
        parts.append(
            '<div class="input"><span class="input-label">Code</span>'
            f"{highlight_python(code)}</div>"
        )
    outputs = [render_output(page, out, where) for out in cell.get("outputs", [])]
    outputs = [o for o in outputs if o]
    if outputs:
        joined = "\n".join(outputs)
        parts.append(f'<div class="output"><span class="output-label">Output</span>{joined}</div>')
    body = "\n".join(parts)
    if not body:
        return ""
    if is_solution(cell):
        return (
            '<details class="solution">\n<summary>Worked solution (try the exercise first)'
            f'</summary>\n<div class="cell code" data-cell="{index}">{body}</div>\n</details>'
        )
    return f'<div class="cell code" data-cell="{index}">{body}</div>'


# --- pages ---------------------------------------------------------------------------


def title_and_summary(notebook):
    """The notebook's '# NN · Title' heading and the first paragraph after it."""
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        lines = source(cell).strip().splitlines()
        if lines and lines[0].startswith("# "):
            title = lines[0][2:].strip()
            paragraph = []
            for line in lines[1:]:
                if line.strip():
                    paragraph.append(line.strip())
                elif paragraph:
                    break
            text = plain_text(" ".join(paragraph))
            summary = ""
            for sentence in re.split(r"(?<=[.!?])\s+", text):
                if summary and len(summary) + len(sentence) > 220:
                    break
                summary = f"{summary} {sentence}".strip()
            return title, summary
    return None, ""


def search_entries(page_file, title, notebook):
    """One search entry per section: the text under each heading (code included)."""
    entries = []
    section, anchor, words = title, "", []
    seen = {}

    def flush():
        text = " ".join(words)
        if text.strip():
            entries.append([page_file, anchor, title, section, text[:6000]])

    for cell in notebook.cells:
        text = source(cell)
        if cell.cell_type == "markdown":
            for line in text.splitlines():
                match = re.match(r"^(#{1,6})\s+(.*)", line)
                if match:
                    flush()
                    section = plain_text(match.group(2))
                    base = slugify(match.group(2))
                    n = seen.get(base, 0)
                    seen[base] = n + 1
                    anchor, words = (base if n == 0 else f"{base}-{n + 1}"), []
                else:
                    words.append(plain_text(line))
        elif cell.cell_type == "code" and not is_solution(cell):
            words.append(" ".join(text.split()))
    flush()
    return entries


def header_html(prefix=""):
    return f"""<a class="skip-link" href="#main">Skip to the content</a>
<header class="site-header">
<a class="site-name" href="{prefix}index.html">{esc(COURSE)}</a>
<form class="search-form" role="search" action="{prefix}search.html" method="get">
<label for="site-search">Search the course</label>
<input id="site-search" name="q" type="search">
<button type="submit">Search</button>
</form>
</header>"""


def shell(title, body, *, description=""):
    meta = f'\n<meta name="description" content="{esc(description)}">' if description else ""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>{meta}
<link rel="stylesheet" href="assets/course.css">
</head>
<body>
{header_html()}
{body}
<footer class="site-footer">
<p>{esc(COURSE)}: the course's notebooks, executed. Code and text under the MIT licence;
sounds as listed in the repository's <code>audio_samples/README.md</code>.</p>
</footer>
</body>
</html>
"""


def pager(entries, i, where):
    items = []
    if i > 0:
        prev_file, prev_title, _ = entries[i - 1]
        items.append(
            f'<li class="prev"><a href="{esc(prev_file)}" rel="prev">'
            f"Previous: {esc(prev_title)}</a></li>"
        )
    items.append('<li class="contents"><a href="index.html">All lessons</a></li>')
    if i + 1 < len(entries):
        next_file, next_title, _ = entries[i + 1]
        items.append(
            f'<li class="next"><a href="{esc(next_file)}" rel="next">'
            f"Next: {esc(next_title)}</a></li>"
        )
    label = "Previous and next lesson" + (" (end of page)" if where == "bottom" else "")
    return (
        f'<nav aria-label="{label}">\n<ul class="pager">\n' + "\n".join(items) + "\n</ul>\n</nav>"
    )


def lesson_page(page, entries, i):
    render_markdown = make_markdown_renderer(page.ids, page.problems, page.name)
    cells = [
        render_cell(page, cell, n, render_markdown) for n, cell in enumerate(page.notebook.cells)
    ]
    article = "\n".join(c for c in cells if c)
    sections = [(slug, text) for slug, (level, text) in page.ids.items() if level == 2]
    toc = ""
    if sections:
        links = "\n".join(f'<li><a href="#{slug}">{esc(text)}</a></li>' for slug, text in sections)
        toc = (
            '<nav class="toc" aria-labelledby="toc-heading">\n'
            '<h2 id="toc-heading">On this page</h2>\n'
            f"<ol>\n{links}\n</ol>\n</nav>"
        )
    _, title, summary = entries[i]
    # The lesson's own title is its h1; the list of sections follows it.
    first_h1 = article.find("</h1>")
    if toc and first_h1 != -1:
        cut = article.find("</div>", first_h1)
        article = article[: cut + len("</div>")] + "\n" + toc + article[cut + len("</div>") :]
    body = (
        '<div class="page">\n'
        + pager(entries, i, "top")
        + f'\n<main id="main" tabindex="-1">\n{article}\n</main>\n'
        + pager(entries, i, "bottom")
        + "\n</div>"
    )
    return shell(f"{title} · {COURSE}", body, description=summary)


def index_page(entries):
    items = "\n".join(
        f'<li><a href="{esc(name)}">{esc(title)}</a>'
        f'<span class="summary">{esc(summary)}</span></li>'
        for name, title, summary in entries
    )
    body = f"""<div class="page">
<main id="main" tabindex="-1">
<h1>{esc(COURSE)}</h1>
<p>The course's notebooks, executed, in course order: every figure (each with a text
description), every sound and every worked solution (closed until you open it). The
explorers' sliders need a live kernel: run the notebooks in JupyterLab (<code>make lab</code>)
to move them.</p>
<h2>Lessons</h2>
<ol class="lessons">
{items}
</ol>
<h2>Moving around</h2>
<ul>
<li>Every lesson has links to the previous and next lesson at its top and bottom, and a
list of its sections.</li>
<li>The search box at the top of every page searches all the lessons.</li>
<li>With the keyboard: <kbd>Tab</kbd> first reaches a link that skips to the content;
worked solutions open with <kbd>Enter</kbd> or <kbd>Space</kbd>.</li>
</ul>
</main>
</div>"""
    return shell(COURSE, body, description="A hands-on course in audio signal processing.")


def search_page():
    body = """<div class="page">
<main id="main" tabindex="-1">
<h1>Search the course</h1>
<form id="search-page-form" class="search-form" role="search" action="search.html" method="get">
<label for="search-page-query">Words to find</label>
<input id="search-page-query" name="q" type="search">
<button type="submit">Search</button>
</form>
<p id="search-status" role="status">Search needs JavaScript. Without it, use the list of
lessons on the <a href="index.html">contents page</a>.</p>
<ol id="search-results" class="search-results"></ol>
</main>
</div>
<script src="assets/search-index.js"></script>
<script src="assets/search.js"></script>"""
    return shell(f"Search · {COURSE}", body)


def write_site(out, pages, entries, search):
    """Write every page, the index, the search page and the assets into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    assets = out / "assets"
    assets.mkdir(exist_ok=True)
    css = (ASSETS / "course.css").read_text(encoding="utf-8")
    css += "\n/* Code highlighting (Pygments, CourseStyle in tools/build_html.py) */\n"
    css += code_formatter().get_style_defs(".highlight") + "\n"
    (assets / "course.css").write_text(css, encoding="utf-8")
    shutil.copyfile(ASSETS / "search.js", assets / "search.js")
    index_js = "window.COURSE_SEARCH_INDEX = " + json.dumps(search, ensure_ascii=False) + ";\n"
    (assets / "search-index.js").write_text(index_js, encoding="utf-8")
    for i, page in enumerate(pages):
        (out / entries[i][0]).write_text(lesson_page(page, entries, i), encoding="utf-8")
    (out / "index.html").write_text(index_page(entries), encoding="utf-8")
    (out / "search.html").write_text(search_page(), encoding="utf-8")
    (out / "pages.json").write_text(json.dumps([e[0] for e in entries], indent=1) + "\n")


def build(notebooks, out, *, execute=True, timeout=600):
    """Execute ``notebooks`` (unless ``execute`` is False) and write the site; return problems."""
    import nbformat

    pages, entries, search = [], [], []
    sockets = tempfile.TemporaryDirectory(prefix="course-kernels-")
    for path in notebooks:
        start = time.perf_counter()
        notebook = nbformat.read(path, as_version=4)
        if execute:
            execute_notebook(notebook, path.parent, timeout, Path(sockets.name))
        page_file = f"{path.stem}.html"
        title, summary = title_and_summary(notebook)
        title = title or path.stem
        pages.append(Page(page_file, notebook))
        entries.append((page_file, title, summary))
        search += search_entries(page_file, title, notebook)
        print(f"{path.name}: {time.perf_counter() - start:5.1f} s", flush=True)
    sockets.cleanup()
    write_site(out, pages, entries, search)
    return [problem for page in pages for problem in page.problems]


def kernel_config(socket_dir):
    """IPC sockets between this script and its kernels where the system has them.

    The sockets' path must be absolute: the kernel runs in the notebook's folder and
    would otherwise look for them there.
    """
    from traitlets.config import Config

    config = Config()
    if os.name == "posix":
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = str(socket_dir.resolve() / "kernel")
    return config


def execute_notebook(notebook, folder, timeout, socket_dir):
    from nbclient import NotebookClient

    NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
        config=kernel_config(socket_dir),
    ).execute()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--output", default=str(ROOT / "site"), help="output folder (default: site/)"
    )
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="notebooks to build (default: all, in course order)"
    )
    args = parser.parse_args()
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        sys.exit("no notebooks found in notebooks/")
    out = Path(args.output)
    problems = build(notebooks, out)
    print(f"site: {out / 'index.html'} ({len(notebooks)} lessons, search, contents)")
    if problems:
        print(f"\n{len(problems)} thing(s) to fix for an accessible site:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)


if __name__ == "__main__":
    main()
