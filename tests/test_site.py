"""The static site (``make html``, ``tools/build_html.py``): accessible, navigable, offline.

Two sites are checked:

- a small one built here from a hand-made notebook (every kind of cell and output the
  course has), on every test run: the builder's HTML is checked directly, and in a
  browser when one is available;
- the real one, when ``COURSE_SITE`` names it (``.ci/run`` runs
  ``COURSE_SITE=site pytest tests/test_site.py`` after ``make html``): every page.

In the browser (Debian's Chromium driven by Playwright, no browser download) each page is
checked with axe-core's WCAG 2.1 A/AA rules and best practices (axe-core comes from the
npm registry: ``npm ci --prefix tools/a11y``): any serious or critical violation fails.
Every figure must have a real text alternative, every audio player a name, the first Tab
must reach a skip link, headings must keep their order, solutions must be closed, and
nothing may be fetched from the network.  Without Chromium, Playwright or axe-core the
browser tests skip, unless ``COURSE_REQUIRE_BROWSER=1`` (set by ``.ci/run``) makes that a
failure.
"""

from __future__ import annotations

import base64
import importlib.util
import io
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from helpers import plotting

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "tools" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
REQUIRED = os.environ.get("COURSE_REQUIRE_BROWSER", "") not in ("", "0")
SITE = os.environ.get("COURSE_SITE", "")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
SECOND = (
    "02_second"  # the small site's second lesson (named so only in code: not a course notebook)
)
ALT = "A rising line from 0 to 1 over one second: the value grows steadily, with no jumps."


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_html", ROOT / "tools" / "build_html.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_html = _load_builder()


# --- a small site from a hand-made notebook ------------------------------------------


def _png():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(2, 1))
    ax.plot([0, 1], [0, 1])
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _lesson(number, title, *, alt=ALT, link_next=None):
    png = _png()
    wav = base64.b64encode(b"RIFF....WAVEfmt ").decode("ascii")
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    out = nbformat.v4.new_output
    figure_meta = {"image/png": {"alt": alt}} if alt else {}
    solution = code("answer = 42  # the worked solution", outputs=[])
    solution.metadata = {
        "jupyter": {"source_hidden": True, "outputs_hidden": True},
        "tags": ["solution"],
    }
    cells = [
        md(f"# {number} · {title}\n\nYou learn what a *ramp* is. It takes 5 minutes."),
        md(
            "## A first idea\n\nThe period is $T = \\frac{1}{f}$ and\n\n$$y(t) = \\sin(2\\pi f t)$$"
        ),
        code(
            "plotting.show(ax, alt=...)",
            outputs=[
                out("stream", name="stdout", text="ramp ready\n"),
                out(
                    "display_data",
                    data={"image/png": png, "text/plain": "fig"},
                    metadata=figure_meta,
                ),
            ],
        ),
        code(
            "play(y, sr, label='a ramp')",
            outputs=[
                out(
                    "execute_result",
                    execution_count=3,
                    data={
                        "text/html": f'<audio aria-label="a ramp (1.0 s)" controls="controls">'
                        f'<source src="data:audio/wav;base64,{wav}" type="audio/wav"></audio>',
                        "text/plain": "<Audio>",
                    },
                )
            ],
        ),
        md(f"### Try it\n\nChange the slope. See [the next lesson]({SECOND}.ipynb)."),
        code(
            "widgets.ramp_explorer()",
            outputs=[
                out(
                    "display_data",
                    data={
                        "application/vnd.jupyter.widget-view+json": {"model_id": "box"},
                        "text/plain": "VBox()",
                    },
                )
            ],
        ),
        md("## Exercise\n\nWhat is six times seven?"),
        solution,
        md("## Summary\n\nA ramp rises steadily."),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {
            "version_major": 2,
            "version_minor": 0,
            "state": {
                "box": {
                    "model_name": "VBoxModel",
                    "state": {"children": ["IPY_MODEL_head", "IPY_MODEL_slope", "IPY_MODEL_img"]},
                },
                "head": {"model_name": "HTMLModel", "state": {"value": "<b>Ramp explorer</b>"}},
                "slope": {
                    "model_name": "FloatSliderModel",
                    "state": {"value": 0.5, "description": "slope", "readout_format": ".2f"},
                },
                "img": {
                    "model_name": "ImageModel",
                    "state": {"format": "png", "tooltip": alt or ""},
                    "buffers": [{"encoding": "base64", "path": ["value"], "data": png}],
                },
            },
        }
    }
    return nb


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """Two lessons, built without executing them; the second has a figure without alt."""
    folder = tmp_path_factory.mktemp("small")
    paths = []
    for stem, number, title, alt in [
        ("01_first", "01", "First ramp", ALT),
        ("02_second", "02", "Second ramp", None),
    ]:
        path = folder / "notebooks" / f"{stem}.ipynb"
        path.parent.mkdir(exist_ok=True)
        nbformat.write(_lesson(number, title, alt=alt), path)
        paths.append(path)
    out = folder / "site"
    problems = build_html.build(paths, out, execute=False)
    return out, problems


class _Tags(HTMLParser):
    """Start tags with their attributes, in document order."""

    def __init__(self, text):
        super().__init__()
        self.tags = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, tag, **attrs):
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]


def test_the_builder_reports_figures_without_text_alternatives(small_site):
    _, problems = small_site
    assert len(problems) == 2  # the plain figure and the explorer's image in lesson 02
    assert all(p.startswith("02_second.html, cell ") for p in problems)
    assert all("helpers.plotting.show(fig, alt=...)" in p for p in problems)


def test_pages_carry_alt_text_solutions_math_and_named_players(small_site):
    site, _ = small_site
    page = (site / "01_first.html").read_text()
    tags = _Tags(page)
    assert tags.find("html", lang="en")
    assert [a.get("alt") for a in tags.find("img")] == [ALT, ALT]  # figure and explorer
    assert tags.find("audio", **{"aria-label": "a ramp (1.0 s)"})
    # the solution is a closed <details>, its code inside
    assert len(tags.find("details", **{"class": "solution"})) == 1
    details = re.search(r'<details class="solution">(.*?)</details>', page, re.S).group(1)
    assert "answer" in details and "the worked solution" in details
    assert "open" not in tags.find("details")[0]
    # formulas as MathML, not TeX for a script to typeset
    assert page.count("<math") == 2 and 'display="block"' in page and "\\frac" not in page
    # the explorer as a snapshot: its controls' values
    assert "slope: <strong>0.50</strong>" in page
    # links between notebooks lead to pages
    assert f'href="{SECOND}.html"' in page and f'href="{SECOND}.ipynb"' not in page


def test_pages_can_be_moved_around(small_site):
    site, _ = small_site
    first = _Tags((site / "01_first.html").read_text())
    second = _Tags((site / "02_second.html").read_text())
    assert first.find("a", rel="next", href="02_second.html") and not first.find("a", rel="prev")
    assert second.find("a", rel="prev", href="01_first.html") and not second.find("a", rel="next")
    for tags in (first, second):
        links = [a["href"] for t, a in tags.tags if t == "a" and "href" in a]
        assert links[0] == "#main" and tags.find("main", id="main")  # skip link first
        assert "index.html" in links and tags.find("form", action="search.html")
        assert tags.find("a", href="#a-first-idea") and tags.find("h2", id="a-first-idea")
    index = _Tags((site / "index.html").read_text())
    assert index.find("a", href="01_first.html") and index.find("a", href="02_second.html")
    script = (site / "assets" / "search-index.js").read_text()
    entries = json.loads(script.removeprefix("window.COURSE_SEARCH_INDEX = ").rstrip(";\n"))
    assert ["01_first.html", "a-first-idea", "01 · First ramp", "A first idea"] in [
        e[:4] for e in entries
    ]
    assert not any("answer = 42" in e[4] for e in entries)  # solutions stay out of the index
    assert json.loads((site / "pages.json").read_text()) == ["01_first.html", "02_second.html"]


# --- in a browser: axe-core, keyboard, offline ---------------------------------------


def _browser_problems():
    problems = []
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        problems.append("Chromium is not installed (Debian: apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("Playwright's Python package is not installed (requirements-ci.txt)")
    if not AXE.is_file():
        problems.append("axe-core is not installed (npm ci --prefix tools/a11y)")
    return problems


@pytest.fixture(scope="module")
def browser():
    problems = _browser_problems()
    if problems:
        message = "site checks in a browser need: " + "; ".join(problems)
        if REQUIRED:
            pytest.fail(message + " (COURSE_REQUIRE_BROWSER=1 makes this a failure)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _open(browser, path):
    """Open a page from disk; any request that leaves the disk is recorded and refused."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    fetched = []

    def refuse(route):
        fetched.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^(?!file:|data:|blob:).*"), refuse)
    page = context.new_page()
    page.goto(path.resolve().as_uri(), wait_until="load")
    return context, page, fetched


def _axe(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async (tags) => await axe.run(document, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        AXE_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])}x): {v['help']}; first at "
        f"{v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _page_facts(page):
    return page.evaluate(
        """() => ({
        lang: document.documentElement.lang,
        headings: Array.from(document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6'))
            .map(h => [Number(h.tagName[1]), h.textContent.trim()]),
        images: Array.from(document.querySelectorAll('img')).map(img => ({
            alt: img.getAttribute('alt'),
            cell: (img.closest('[data-cell]') || {dataset: {}}).dataset.cell || null})),
        audio: Array.from(document.querySelectorAll('audio')).map(a => ({
            label: a.getAttribute('aria-label'),
            cell: (a.closest('[data-cell]') || {dataset: {}}).dataset.cell || null})),
        solutions: Array.from(document.querySelectorAll('details.solution')).map(d => d.open),
        })"""
    )


def _figure_problems(facts):
    problems = []
    for image in facts["images"]:
        if image["alt"] is None:
            problems.append(
                f"cell {image['cell']}: a figure without a text alternative "
                f"(show it with helpers.plotting.show(fig, alt=...))"
            )
            continue
        try:
            plotting.check_alt(image["alt"])
        except (TypeError, ValueError) as exc:
            problems.append(f"cell {image['cell']}: {exc}")
    for player in facts["audio"]:
        if not (player["label"] or "").strip():
            problems.append(f"cell {player['cell']}: an audio player without a name (aria-label)")
    return problems


def _structure_problems(facts):
    problems = []
    if facts["lang"] != "en":
        problems.append(f"page language is {facts['lang']!r}, not 'en'")
    levels = [level for level, _ in facts["headings"]]
    if levels[:1] != [1] or levels.count(1) != 1:
        problems.append(f"the page needs exactly one h1, first; headings are {levels[:5]}...")
    for (a, text_a), (b, text_b) in zip(facts["headings"], facts["headings"][1:]):
        if b > a + 1:
            problems.append(f"heading {text_b!r} (h{b}) follows {text_a!r} (h{a}): a level skipped")
    if any(facts["solutions"]):
        problems.append("a worked solution is open when the page loads")
    return problems


def _keyboard_problems(page):
    problems = []
    page.keyboard.press("Tab")
    first = page.evaluate(
        "() => [document.activeElement.tagName, document.activeElement.getAttribute('href')]"
    )
    if first != ["A", "#main"]:
        return [f"the first Tab reaches {first}, not the skip link to #main"]
    if page.evaluate("() => document.activeElement.getBoundingClientRect().top") < 0:
        problems.append("the skip link stays off screen when it has the focus")
    page.keyboard.press("Enter")
    if page.evaluate("() => document.activeElement.id") != "main":
        problems.append("Enter on the skip link does not move the focus to the content")
    summary = page.locator("details.solution > summary").first
    if summary.count():
        summary.focus()
        page.keyboard.press("Enter")
        if not page.evaluate("() => document.querySelector('details.solution').open"):
            problems.append("Enter on a solution's summary does not open it")
    return problems


def _check_page(browser, path, *, lesson):
    context, page, fetched = _open(browser, path)
    try:
        facts = _page_facts(page)
        report = {
            "axe": _axe(page),
            "figures and players": _figure_problems(facts),
            "structure": _structure_problems(facts),
            "network": [f"fetched {url}" for url in fetched],
        }
        if lesson:
            report["navigation"] = []
            if not page.locator("a[href='index.html']").count():
                report["navigation"].append("no link to the contents")
            report["keyboard"] = _keyboard_problems(page)
        return {k: v for k, v in report.items() if v}, facts
    finally:
        context.close()


def _fail_with(path, report):
    lines = [f"{path.name}:"]
    for kind, problems in report.items():
        lines += [f"  {kind}:"] + [f"    - {p}" for p in problems[:25]]
        if len(problems) > 25:
            lines.append(f"    ... and {len(problems) - 25} more")
    pytest.fail("\n".join(lines), pytrace=False)


def test_small_site_passes_in_a_browser(browser, small_site):
    site, _ = small_site
    report, facts = _check_page(browser, site / "01_first.html", lesson=True)
    if report:
        _fail_with(site / "01_first.html", report)
    assert len(facts["images"]) == 2 and facts["solutions"] == [False]
    for name in ("index.html", "search.html"):
        report, _ = _check_page(browser, site / name, lesson=False)
        if report:
            _fail_with(site / name, report)


def test_small_site_fails_a_figure_without_alt(browser, small_site):
    """The check can fail: lesson 02 has a figure and an explorer image without alt."""
    site, _ = small_site
    report, _ = _check_page(browser, site / "02_second.html", lesson=True)
    assert len(report["figures and players"]) == 2
    assert any(p.startswith("image-alt (critical") for p in report["axe"])


def test_search_finds_sections(browser, small_site):
    site, _ = small_site
    context, page, fetched = _open(browser, site / "search.html")
    try:
        page.goto((site / "search.html").resolve().as_uri() + "?q=first+idea")
        page.wait_for_selector("#search-results li")
        first = page.locator("#search-results li a").first
        assert first.get_attribute("href") == "01_first.html#a-first-idea"
        assert "mention" in page.locator("#search-status").inner_text()
        page.fill("#search-page-query", "no-such-word-anywhere")
        page.press("#search-page-query", "Enter")
        page.wait_for_function("() => !document.querySelector('#search-results li')")
        assert "Nothing" in page.locator("#search-status").inner_text()
        assert fetched == []
    finally:
        context.close()


# --- the real site (COURSE_SITE=site, after make html) --------------------------------


def _real_pages():
    if not SITE:
        return []
    return sorted(Path(SITE).glob("*.html"), key=lambda p: p.name)


@pytest.mark.skipif(not SITE, reason="COURSE_SITE is not set (CI sets it after make html)")
def test_the_built_site_has_a_page_per_notebook():
    site = Path(SITE)
    assert (site / "index.html").is_file(), f"no site at {site}: run make html first"
    pages = json.loads((site / "pages.json").read_text())
    notebooks = [p.stem + ".html" for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))]
    assert pages == notebooks
    index = (site / "index.html").read_text()
    for i, name in enumerate(pages):
        assert f'href="{name}"' in index
        page = _Tags((site / name).read_text())
        assert bool(page.find("a", rel="prev")) == (i > 0), name
        assert bool(page.find("a", rel="next")) == (i < len(pages) - 1), name
        notebook = nbformat.read(ROOT / "notebooks" / name.replace(".html", ".ipynb"), 4)
        solutions = sum(build_html.is_solution(c) for c in notebook.cells if c.cell_type == "code")
        assert len(page.find("details", **{"class": "solution"})) == solutions, name


@pytest.mark.parametrize("path", _real_pages(), ids=lambda p: p.name)
def test_every_page_of_the_built_site(browser, path):
    report, _ = _check_page(browser, path, lesson=path.stem[:2].isdigit())
    if report:
        _fail_with(path, report)
