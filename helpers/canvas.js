// The course explorers' canvas (helpers/canvas.py): draws a figure description made in
// Python, and plays a live sound loop computed in Python.  Nothing here computes what is
// drawn or heard: the arrays arrive as binary buffers and are drawn or played as they are.

const FONT = "11px system-ui, -apple-system, 'Segoe UI', sans-serif";
const TITLE_FONT = "12px system-ui, -apple-system, 'Segoe UI', sans-serif";
const FADE_S = 0.04; // crossfade between two live-sound loops, seconds

function f32(view) {
  // Buffers may start at any byte offset: copy into an aligned array.
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  return new Float32Array(bytes.slice().buffer);
}

function u8(view) {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function mapper(p) {
  const [x, y, w, h] = p.rect;
  const [x0, x1] = p.xlim;
  const [y0, y1] = p.ylim;
  return {
    x: (v) => x + ((v - x0) / (x1 - x0)) * w,
    y: (v) => y + h - ((v - y0) / (y1 - y0)) * h,
  };
}

function withAlpha(hex, alpha) {
  if (alpha >= 1) return hex;
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

function drawLayer(ctx, p, layer, m) {
  const [rx, ry, rw, rh] = p.rect;
  ctx.setLineDash(layer.dash || []);
  if (layer.kind === "line") {
    const xs = f32(layer.x), ys = f32(layer.y);
    ctx.strokeStyle = withAlpha(layer.color, layer.alpha);
    ctx.lineWidth = layer.width;
    ctx.lineJoin = "round";
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < xs.length; i++) {
      if (Number.isNaN(xs[i]) || Number.isNaN(ys[i])) { pen = false; continue; }
      const px = m.x(xs[i]), py = m.y(ys[i]);
      if (pen) ctx.lineTo(px, py); else ctx.moveTo(px, py);
      pen = true;
    }
    ctx.stroke();
  } else if (layer.kind === "dots") {
    const xs = f32(layer.x), ys = f32(layer.y);
    ctx.fillStyle = layer.color;
    ctx.beginPath();
    for (let i = 0; i < xs.length; i++) {
      const px = m.x(xs[i]), py = m.y(ys[i]);
      ctx.moveTo(px + layer.size / 2, py);
      ctx.arc(px, py, layer.size / 2, 0, 2 * Math.PI);
    }
    ctx.fill();
  } else if (layer.kind === "bars") {
    const xs = f32(layer.x), hs = f32(layer.y);
    ctx.fillStyle = layer.color;
    for (let i = 0; i < xs.length; i++) {
      const a = m.x(xs[i] - layer.width / 2), b = m.x(xs[i] + layer.width / 2);
      const top = m.y(hs[i]), base = m.y(0);
      ctx.fillRect(a, Math.min(top, base), b - a, Math.abs(base - top));
    }
  } else if (layer.kind === "bands") {
    const x0 = f32(layer.x0), x1 = f32(layer.x1);
    ctx.fillStyle = withAlpha(layer.color, layer.alpha);
    for (let i = 0; i < x0.length; i++) {
      const a = m.x(x0[i]), b = m.x(x1[i]);
      ctx.fillRect(a, ry, b - a, rh);
    }
  } else if (layer.kind === "segments") {
    const x0 = f32(layer.x0), x1 = f32(layer.x1), ys = f32(layer.y);
    ctx.strokeStyle = layer.color;
    ctx.lineWidth = layer.width;
    ctx.lineCap = "butt";
    ctx.beginPath();
    for (let i = 0; i < ys.length; i++) {
      ctx.moveTo(m.x(x0[i]), m.y(ys[i]));
      ctx.lineTo(m.x(x1[i]), m.y(ys[i]));
    }
    ctx.stroke();
  } else if (layer.kind === "vlines" || layer.kind === "hlines") {
    const vs = f32(layer.kind === "vlines" ? layer.x : layer.y);
    ctx.strokeStyle = layer.color;
    ctx.lineWidth = layer.width;
    ctx.beginPath();
    for (const v of vs) {
      if (layer.kind === "vlines") { ctx.moveTo(m.x(v), ry); ctx.lineTo(m.x(v), ry + rh); }
      else { ctx.moveTo(rx, m.y(v)); ctx.lineTo(rx + rw, m.y(v)); }
    }
    ctx.stroke();
  } else if (layer.kind === "image") {
    const idx = u8(layer.index), lut = u8(layer.lut);
    const off = document.createElement("canvas");
    off.width = layer.cols;
    off.height = layer.rows;
    const octx = off.getContext("2d");
    const img = octx.createImageData(layer.cols, layer.rows);
    for (let i = 0; i < idx.length; i++) {
      const c = idx[i] * 3;
      img.data[4 * i] = lut[c];
      img.data[4 * i + 1] = lut[c + 1];
      img.data[4 * i + 2] = lut[c + 2];
      img.data[4 * i + 3] = 255;
    }
    octx.putImageData(img, 0, 0);
    const [l, r, b, t] = layer.extent;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(off, m.x(l), m.y(t), m.x(r) - m.x(l), m.y(b) - m.y(t));
  }
  ctx.setLineDash([]);
}

function drawLegend(ctx, p) {
  const items = p.layers.filter((l) => l.label);
  if (!p.legend || !items.length) return;
  ctx.font = FONT;
  const [rx, ry, rw] = p.rect;
  const widths = items.map((l) => 26 + ctx.measureText(l.label).width + 10);
  const total = widths.reduce((a, b) => a + b, 0) + 6;
  // In its own row above the axes (canvas.py leaves room), so it never covers the data.
  const left = p.legend.includes("left") ? rx : rx + rw - total;
  const top = ry - 21;
  let x = left + 6;
  items.forEach((l, i) => {
    const y = top + 10;
    ctx.strokeStyle = ctx.fillStyle = withAlpha(l.color, l.alpha ?? 1);
    if (l.kind === "dots") { ctx.beginPath(); ctx.arc(x + 10, y, 3, 0, 2 * Math.PI); ctx.fill(); }
    else if (l.kind === "bands") { ctx.fillRect(x, y - 5, 20, 10); }
    else {
      ctx.lineWidth = Math.min(l.width || 1.5, 5);
      ctx.setLineDash(l.dash || []);
      ctx.beginPath(); ctx.moveTo(x, y); ctx.lineTo(x + 20, y); ctx.stroke();
      ctx.setLineDash([]);
    }
    ctx.fillStyle = "#222222";
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";
    ctx.fillText(l.label, x + 26, y);
    x += widths[i];
  });
}

function drawColorbar(ctx, p) {
  const cb = p.colorbar;
  if (!cb || !cb.lut) return;
  const [rx, ry, rw, rh] = p.rect;
  const left = rx + rw + 14, lut = u8(cb.lut);
  for (let i = 0; i < 256; i++) {
    ctx.fillStyle = `rgb(${lut[3 * i]}, ${lut[3 * i + 1]}, ${lut[3 * i + 2]})`;
    const y0 = ry + rh - ((i + 1) / 256) * rh;
    ctx.fillRect(left, y0, 12, rh / 256 + 0.5);
  }
  ctx.strokeStyle = "#222222";
  ctx.lineWidth = 1;
  ctx.strokeRect(left, ry, 12, rh);
  ctx.fillStyle = "#222222";
  ctx.font = FONT;
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  for (const t of cb.ticks || []) {
    const y = ry + rh - ((t - cb.vmin) / (cb.vmax - cb.vmin)) * rh;
    ctx.beginPath(); ctx.moveTo(left + 12, y); ctx.lineTo(left + 16, y); ctx.stroke();
    ctx.fillText((t > 0 ? "+" : t < 0 ? "\u2212" : "+") + Math.abs(t).toFixed(0), left + 18, y);
  }
  if (cb.label) {
    ctx.save();
    ctx.translate(left + 58, ry + rh / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = "center";
    ctx.fillText(cb.label, 0, 0);
    ctx.restore();
  }
}

function drawPanel(ctx, p) {
  const [rx, ry, rw, rh] = p.rect;
  const m = mapper(p);
  ctx.save();
  ctx.beginPath();
  ctx.rect(rx, ry, rw, rh);
  ctx.clip();
  for (const layer of p.layers) drawLayer(ctx, p, layer, m);
  ctx.restore();
  drawLegend(ctx, p);
  // frame, ticks and labels
  ctx.strokeStyle = "#222222";
  ctx.lineWidth = 1;
  ctx.strokeRect(rx + 0.5, ry + 0.5, rw - 1, rh - 1);
  ctx.fillStyle = "#222222";
  ctx.font = FONT;
  ctx.beginPath();
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  p.xticks.forEach((v, i) => {
    const x = m.x(v);
    ctx.moveTo(x, ry + rh); ctx.lineTo(x, ry + rh + 4);
    if (p.xticklabels[i]) ctx.fillText(p.xticklabels[i], x, ry + rh + 6);
  });
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  p.yticks.forEach((v, i) => {
    const y = m.y(v);
    ctx.moveTo(rx, y); ctx.lineTo(rx - 4, y);
    ctx.fillText(p.yticklabels[i], rx - 6, y);
  });
  ctx.stroke();
  if (p.xlabel) {
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.fillText(p.xlabel, rx + rw / 2, ry + rh + 21);
  }
  if (p.ylabel) {
    ctx.save();
    ctx.translate(rx - 50, ry + rh / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText(p.ylabel, 0, 0);
    ctx.restore();
  }
  if (p.title) {
    ctx.font = TITLE_FONT;
    ctx.textAlign = "center";
    ctx.textBaseline = "bottom";
    ctx.fillText(p.title, rx + rw / 2, ry - 6 - (p.legend ? 22 : 0), rw + 40);
  }
  drawColorbar(ctx, p);
}

function createSound(model, el) {
  // A looping buffer per loop sent; a new loop fades in while the old one fades out,
  // starting at the same point of its cycle, so moving a slider does not click.
  let ctx = null;
  let playing = [];
  let current = null;

  function fadeOut(voice, when) {
    voice.gain.gain.cancelScheduledValues(when);
    voice.gain.gain.setValueAtTime(voice.gain.gain.value, when);
    voice.gain.gain.linearRampToValueAtTime(0, when + FADE_S);
    voice.source.stop(when + FADE_S + 0.02);
  }

  function play(loop) {
    if (!ctx || !loop || !loop.samples) return;
    el.dataset.playing = String(loop.id); // which loop is heard (read by the browser test)
    const samples = f32(loop.samples);
    if (!samples.length) return;
    const buffer = ctx.createBuffer(1, samples.length, loop.sr);
    buffer.copyToChannel(samples, 0);
    const now = ctx.currentTime;
    let offset = 0;
    if (current) {
      const elapsed = now - current.started + current.offset;
      offset = (elapsed % current.duration) * (buffer.duration / current.duration);
      offset = Math.min(Math.max(offset, 0), buffer.duration);
    }
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    source.loop = true;
    const gain = ctx.createGain();
    gain.gain.setValueAtTime(0, now);
    gain.gain.linearRampToValueAtTime(1, now + FADE_S);
    source.connect(gain).connect(ctx.destination);
    source.start(now, offset);
    for (const voice of playing) fadeOut(voice, now);
    current = { source, gain, started: now, offset, duration: buffer.duration };
    playing = [current];
    source.onended = () => { playing = playing.filter((v) => v.source !== source); };
  }

  function start() {
    ctx = ctx || new AudioContext();
    ctx.resume();
    play(model.get("loop"));
  }

  function stop() {
    delete el.dataset.playing;
    if (!ctx) return;
    const now = ctx.currentTime;
    for (const voice of playing) fadeOut(voice, now);
    playing = [];
    current = null;
  }

  function close() {
    stop();
    if (ctx) setTimeout(() => ctx.close(), 200);
  }

  return { play, start, stop, close };
}

// ipywidgets shows each control's description as a label beside it but does not tie
// the two together for assistive technology: the sliders are announced as "slider"
// with no name, and a selection slider's value as its position (2) instead of what it
// shows (1024).  Inside an explorer, name each slider after its visible label, give it
// the value its readout shows, and name each group of toggle buttons.
function labelControls(box) {
  for (const row of box.querySelectorAll(".widget-slider")) {
    const label = row.querySelector(".widget-label")?.textContent.trim();
    const handle = row.querySelector(".noUi-handle");
    const readout = row.querySelector(".widget-readout");
    if (!handle || !label || handle.dataset.courseLabelled) continue;
    handle.dataset.courseLabelled = "1";
    handle.setAttribute("aria-label", label);
    if (readout) {
      const sync = () => handle.setAttribute("aria-valuetext", readout.textContent.trim());
      sync();
      new MutationObserver(sync).observe(readout, { childList: true, characterData: true, subtree: true });
      new MutationObserver(() => {
        if (handle.getAttribute("aria-valuetext") !== readout.textContent.trim()) sync();
      }).observe(handle, { attributes: true, attributeFilter: ["aria-valuetext"] });
    }
  }
  for (const row of box.querySelectorAll(".widget-toggle-buttons")) {
    const label = row.querySelector(".widget-label")?.textContent.trim();
    const group = row.querySelector("div");
    if (label && group) {
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", label);
    }
  }
}

function watchControls(el) {
  // The explorer's other widgets may be drawn after the canvas: label them as they come.
  let box = null;
  let observer = null;
  const look = () => {
    box = box || el.closest(".course-explorer");
    if (!box) return false;
    labelControls(box);
    observer = new MutationObserver(() => labelControls(box));
    observer.observe(box, { childList: true, subtree: true });
    return true;
  };
  const timer = setInterval(() => { if (look()) clearInterval(timer); }, 100);
  return () => { clearInterval(timer); observer?.disconnect(); };
}

export default {
  render({ model, el }) {
    const wrap = document.createElement("div");
    wrap.className = "course-canvas-wrap";
    const canvas = document.createElement("canvas");
    canvas.className = "course-canvas";
    canvas.setAttribute("role", "img");
    canvas.dataset.frame = "0";
    wrap.appendChild(canvas);
    el.appendChild(wrap);
    let frames = 0;
    let pending = false;

    function draw() {
      pending = false;
      const fig = model.get("figure");
      if (!fig || !fig.panels) return;
      const ratio = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(fig.width * ratio) || canvas.height !== Math.round(fig.height * ratio)) {
        canvas.width = Math.round(fig.width * ratio);
        canvas.height = Math.round(fig.height * ratio);
        canvas.style.width = `${fig.width}px`;
      }
      const ctx = canvas.getContext("2d");
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, fig.width, fig.height);
      for (const p of fig.panels) drawPanel(ctx, p);
      canvas.setAttribute("aria-label", fig.alt || "");
      frames += 1;
      canvas.dataset.frame = String(frames);
    }

    // Only the newest figure is drawn, once per animation frame: figures that
    // arrive faster than the screen can show them are skipped, never queued.
    function schedule() {
      if (!pending) {
        pending = true;
        requestAnimationFrame(draw);
      }
    }
    model.on("change:figure", schedule);
    draw();

    let sound = null;
    let button = null;
    let onLive = null;
    let onLoop = null;
    if (model.get("sound")) {
      sound = createSound(model, wrap);
      button = document.createElement("button");
      button.type = "button";
      button.className = "course-live";
      const label = () => {
        const on = model.get("live");
        button.setAttribute("aria-pressed", on ? "true" : "false");
        button.textContent = on ? "\u25a0 stop live sound" : "\u25b6 live sound";
        button.title = on
          ? "Stop the sound"
          : "Play the sound continuously; it follows the sliders as you move them";
      };
      label();
      button.addEventListener("click", () => {
        const on = !model.get("live");
        if (on) sound.start(); else sound.stop();
        model.set("live", on);
        model.save_changes();
        label();
      });
      onLive = () => {
        label();
        if (!model.get("live")) sound.stop();
      };
      onLoop = () => { if (model.get("live")) sound.play(model.get("loop")); };
      model.on("change:live", onLive);
      model.on("change:loop", onLoop);
      wrap.appendChild(button);
    }
    const unwatch = watchControls(el);

    return () => {
      unwatch();
      model.off("change:figure", schedule);
      if (sound) {
        model.off("change:live", onLive);
        model.off("change:loop", onLoop);
        sound.close();
      }
    };
  },
};
