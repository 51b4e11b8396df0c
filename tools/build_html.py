"""Execute every notebook and write a static HTML site with an index page in course order.

Usage: python tools/build_html.py [--output site] [--timeout 600]

For reading without a kernel and for projecting in class.  Runs offline.  Each
notebook is executed in a fresh kernel from the notebooks folder (so outputs
are fresh, never stored in the repository), then exported with nbconvert's lab
template.  Interactive explorers need a live kernel; their static figures,
sounds and text are all in the pages.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def title_and_summary(notebook):
    """The notebook's '# NN · Title' heading and the first paragraph after it."""
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.strip().splitlines()
        if lines and lines[0].startswith("# "):
            title = lines[0][2:].strip()
            paragraph = []
            for line in lines[1:]:
                if line.strip():
                    paragraph.append(line.strip())
                elif paragraph:
                    break
            text = re.sub(r"[*_`]", "", " ".join(paragraph))
            # Whole sentences, up to about 220 characters.
            summary = ""
            for sentence in re.split(r"(?<=[.!?])\s+", text):
                if summary and len(summary) + len(sentence) > 220:
                    break
                summary = f"{summary} {sentence}".strip()
            return title, summary
    return None, ""


def notes_for_live_widgets(notebook):
    """Outputs marked as needing a kernel (the recorder) show their note, not a dead widget."""
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("metadata", {}).get("helpers", {}).get("needs_kernel"):
                output.get("data", {}).pop("application/vnd.jupyter.widget-view+json", None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--output", default=str(ROOT / "site"), help="output folder (default: site/)"
    )
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    args = parser.parse_args()

    import nbformat
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(template_name="lab")
    entries = []
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        sys.exit("no notebooks found in notebooks/")
    for path in notebooks:
        start = time.perf_counter()
        notebook = nbformat.read(path, as_version=4)
        NotebookClient(
            notebook,
            timeout=args.timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()
        notes_for_live_widgets(notebook)
        body, _ = exporter.from_notebook_node(notebook)
        target = out / f"{path.stem}.html"
        target.write_text(body, encoding="utf-8")
        title, summary = title_and_summary(notebook)
        entries.append((target.name, title or path.stem, summary))
        print(f"{path.name}: {time.perf_counter() - start:5.1f} s -> {target}")

    items = "\n".join(
        f'    <li><a href="{html.escape(name)}">{html.escape(title)}</a>'
        f"<br><small>{html.escape(summary)}</small></li>"
        for name, title, summary in entries
    )
    index = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Audio signal processing for machine learning</title>
<style>
  body {{ font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
         line-height: 1.5; }}
  li {{ margin: 0.8rem 0; }}
  small {{ color: #444; }}
</style>
</head>
<body>
<h1>Audio signal processing for machine learning</h1>
<p>The course's notebooks, executed, in course order. Sliders need a live kernel
(run the notebooks in JupyterLab); every figure and sound is here.</p>
<ol start="0">
{items}
</ol>
</body>
</html>
"""
    (out / "index.html").write_text(index, encoding="utf-8")
    (out / "pages.json").write_text(json.dumps([e[0] for e in entries], indent=1))
    print(f"index: {out / 'index.html'} ({len(entries)} notebooks)")


if __name__ == "__main__":
    main()
