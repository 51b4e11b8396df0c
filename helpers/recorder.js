// The browser side of helpers.recorder (an anywidget module; no build step, no CDN).
//
// Record opens the microphone (getUserMedia) and an AudioContext; an AudioWorklet copies
// the raw float32 samples to this page in blocks; Stop closes the microphone and sends the
// samples to the kernel (one buffer per channel, at most one second per message), where
// decode_pcm turns them into rec.y.  Upload sends a file's bytes the same way (decode_file).
// Everything stays between this page and its own kernel.

const WORKLET = `
class CourseRecorderTap extends AudioWorkletProcessor {
  constructor() {
    super();
    this.on = true;
    this.block = 2048;
    this.buffers = null;
    this.filled = 0;
    this.port.onmessage = (event) => {
      if (event.data === "stop") {
        this.flush();
        this.on = false;
        this.port.postMessage({ stopped: true });
      }
    };
  }
  flush() {
    if (this.buffers && this.filled > 0) {
      const out = this.buffers.map((b) => b.slice(0, this.filled));
      this.port.postMessage({ channels: out }, out.map((b) => b.buffer));
    }
    this.buffers = null;
    this.filled = 0;
  }
  process(inputs) {
    if (!this.on) return false;
    const input = inputs[0];
    if (!input || input.length === 0) return true;
    if (this.buffers && this.buffers.length !== input.length) this.flush();
    if (!this.buffers) this.buffers = input.map(() => new Float32Array(this.block));
    const n = input[0].length;
    let offset = 0;
    while (offset < n) {
      const take = Math.min(n - offset, this.block - this.filled);
      for (let c = 0; c < input.length; c++) {
        this.buffers[c].set(input[c].subarray(offset, offset + take), this.filled);
      }
      this.filled += take;
      offset += take;
      if (this.filled === this.block) this.flush();
      if (!this.buffers) this.buffers = input.map(() => new Float32Array(this.block));
    }
    return true;
  }
}
registerProcessor("course-recorder-tap", CourseRecorderTap);
`;

const PART_BYTES = 1 << 20; // one message to the kernel carries at most 1 MiB of a file

function problemText(error) {
  const name = (error && error.name) || "";
  if (name === "NotAllowedError" || name === "SecurityError" || name === "PermissionDeniedError") {
    return (
      "The browser did not allow the microphone. Allow it for this page (click the icon at " +
      "the left of the address bar, or check the browser's site settings), then press " +
      "Record again. Or use Upload."
    );
  }
  if (name === "NotFoundError" || name === "DevicesNotFoundError" || name === "OverconstrainedError") {
    return "No microphone was found. Plug one in (or pick one in your system's sound settings) " +
      "and press Record again, or use Upload.";
  }
  if (name === "NotReadableError" || name === "TrackStartError" || name === "AbortError") {
    return "The microphone could not be started: another program may be using it. Close it " +
      "and press Record again, or use Upload.";
  }
  return "The microphone could not be used (" + (name || "error") + ": " +
    ((error && error.message) || String(error)) + "). Use Upload instead.";
}

function insecureText() {
  return (
    "This page is served from " + window.location.origin + ", and browsers allow the " +
    "microphone only on pages from localhost or over HTTPS. Open JupyterLab at " +
    "http://localhost:8888 (make lab does), or use Binder, or use Upload."
  );
}

function element(tag, attributes, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function newTakeId() {
  return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 10);
}

function render({ model, el }) {
  const root = element("div", { class: "course-recorder", "data-state": "idle" });
  const row = element("div", { class: "course-recorder-row" });
  const record = element("button", { type: "button", class: "course-recorder-record" }, "Record");
  const stop = element("button", { type: "button", class: "course-recorder-stop" }, "Stop");
  const upload = element("button", { type: "button", class: "course-recorder-upload" }, "Upload");
  const file = element("input", {
    type: "file",
    accept: "audio/*,.wav,.flac,.ogg,.oga,.mp3,.aif,.aiff",
    hidden: "",
    tabindex: "-1",
  });
  const clock = element("span", { class: "course-recorder-clock", "aria-live": "off" }, "");
  stop.disabled = true;
  row.append(record, stop, upload, file, clock);

  const canvas = element("canvas", {
    class: "course-recorder-wave",
    width: "480",
    height: "72",
    role: "img",
    "aria-label": "Waveform of the recording so far",
  });
  const meter = element("div", {
    class: "course-recorder-meter",
    role: "meter",
    "aria-label": "Input level",
    "aria-valuemin": "0",
    "aria-valuemax": "100",
    "aria-valuenow": "0",
  });
  const meterFill = element("div", { class: "course-recorder-meter-fill" });
  meter.append(meterFill);
  const status = element("div", { class: "course-recorder-status", role: "status", "aria-live": "polite" });
  const player = element("audio", { controls: "", class: "course-recorder-player", hidden: "" });
  root.append(row, canvas, meter, status, player);
  el.append(root);

  const maxSeconds = () => Number(model.get("max_seconds")) || 10;
  let capture = null; // the open microphone and its recording, while recording
  let shown = null; // the recording drawn in the canvas (the last one, after Stop)
  let playerUrl = null;

  function setState(state) {
    root.dataset.state = state;
    record.disabled = state !== "idle";
    upload.disabled = state !== "idle";
    stop.disabled = state !== "recording";
  }

  function say(text, kind) {
    status.textContent = text;
    status.dataset.kind = kind || "";
  }

  function showModelStatus() {
    say(model.get("status") || "", model.get("status_kind") || "");
  }

  function problem(text) {
    say(text, "error");
    model.send({ event: "problem", message: text });
  }

  function showPlayer() {
    const view = model.get("wav");
    if (playerUrl) URL.revokeObjectURL(playerUrl);
    playerUrl = null;
    if (view && view.byteLength > 0) {
      const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
      playerUrl = URL.createObjectURL(new Blob([bytes], { type: "audio/wav" }));
      player.src = playerUrl;
      player.hidden = false;
    } else {
      player.removeAttribute("src");
      player.hidden = true;
    }
  }

  function draw() {
    const ctx2d = canvas.getContext("2d");
    const { width, height } = canvas;
    ctx2d.clearRect(0, 0, width, height);
    ctx2d.fillStyle = "#f3f3f3";
    ctx2d.fillRect(0, 0, width, height);
    ctx2d.strokeStyle = "#bbb";
    ctx2d.beginPath();
    ctx2d.moveTo(0, height / 2);
    ctx2d.lineTo(width, height / 2);
    ctx2d.stroke();
    if (!shown || !shown.sampleRate || shown.columns.length === 0) return;
    ctx2d.fillStyle = "#1f4e79";
    const perPixel = (shown.sampleRate * maxSeconds()) / width;
    shown.columns.forEach(([low, high, at, n]) => {
      const x = Math.floor(at / perPixel);
      const top = ((1 - high) * height) / 2;
      const bottom = ((1 - low) * height) / 2;
      ctx2d.fillRect(x, top, Math.max(1, Math.ceil(n / perPixel)), Math.max(1, bottom - top));
    });
  }

  function setLevel(peak) {
    const percent = Math.round(100 * Math.min(1, peak));
    meterFill.style.width = percent + "%";
    meterFill.dataset.loud = peak > 0.98 ? "clipping" : "";
    meter.setAttribute("aria-valuenow", String(percent));
    meter.setAttribute("aria-valuetext", peak > 0.98 ? percent + "% (too loud: clipping)" : percent + "%");
  }

  function onBlock(channels) {
    if (!capture || capture.stopping) return;
    const room = capture.maxFrames - capture.frames;
    if (room <= 0) return;
    const n = Math.min(room, channels[0].length);
    const kept = channels.map((c) => (n < c.length ? c.slice(0, n) : c));
    capture.chunks.push(kept);
    const at = capture.frames;
    capture.frames += n;
    let low = 0;
    let high = 0;
    for (const c of kept) {
      for (let i = 0; i < n; i++) {
        if (c[i] < low) low = c[i];
        if (c[i] > high) high = c[i];
      }
    }
    capture.columns.push([Math.max(-1, low), Math.min(1, high), at, n]);
    capture.peak = Math.max(-low, high);
    if (!capture.frameRequested) {
      capture.frameRequested = true;
      requestAnimationFrame(() => {
        if (!capture) return;
        capture.frameRequested = false;
        draw();
        setLevel(capture.peak);
        clock.textContent = (capture.frames / capture.sampleRate).toFixed(1) + " s / " + maxSeconds() + " s";
      });
    }
    if (capture.frames >= capture.maxFrames) finish("the " + maxSeconds() + " s limit");
  }

  function release(current) {
    // Close the microphone and the audio graph: the browser's recording indicator goes off.
    if (current.stream) current.stream.getTracks().forEach((track) => track.stop());
    try {
      if (current.source) current.source.disconnect();
      if (current.node) {
        current.node.port.onmessage = null;
        current.node.disconnect();
      }
    } catch (error) {
      // already disconnected
    }
    if (current.audio && current.audio.state !== "closed") current.audio.close().catch(() => {});
  }

  async function start() {
    if (capture) return;
    say("", "");
    if (!window.isSecureContext || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      problem(insecureText());
      return;
    }
    setState("starting");
    say("Waiting for the microphone (your browser may ask for permission)…", "");
    const current = {
      chunks: [],
      columns: [],
      frames: 0,
      peak: 0,
      stopping: false,
      frameRequested: false,
    };
    capture = current;
    shown = current;
    draw();
    try {
      // The AudioContext is made inside the click, so the browser lets it run.
      current.audio = new AudioContext();
      current.stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
        video: false,
      });
      if (capture !== current) {
        release(current);
        return;
      }
      if (!current.audio.audioWorklet) throw new Error("this browser has no AudioWorklet");
      const url = URL.createObjectURL(new Blob([WORKLET], { type: "text/javascript" }));
      try {
        await current.audio.audioWorklet.addModule(url);
      } finally {
        URL.revokeObjectURL(url);
      }
      current.sampleRate = current.audio.sampleRate;
      current.maxFrames = Math.floor(maxSeconds() * current.sampleRate);
      current.source = current.audio.createMediaStreamSource(current.stream);
      current.node = new AudioWorkletNode(current.audio, "course-recorder-tap", {
        numberOfInputs: 1,
        numberOfOutputs: 1,
        outputChannelCount: [1],
      });
      current.node.port.onmessage = (event) => {
        if (event.data.channels) onBlock(event.data.channels);
        if (event.data.stopped && current.onStopped) current.onStopped();
      };
      current.source.connect(current.node);
      current.node.connect(current.audio.destination); // silent output: keeps the node running
      if (current.audio.state === "suspended") await current.audio.resume();
      if (capture !== current) {
        release(current);
        return;
      }
      setState("recording");
      say("Recording… press Stop when you are done.", "");
      stop.focus();
    } catch (error) {
      release(current);
      capture = null;
      setState("idle");
      problem(problemText(error));
    }
  }

  async function finish(why) {
    const current = capture;
    if (!current || current.stopping) return;
    current.stopping = true;
    // Let the worklet hand over its last block before closing the microphone.
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 1000);
      current.onStopped = () => {
        clearTimeout(timer);
        resolve();
      };
      current.node.port.postMessage("stop");
    });
    release(current);
    capture = null;
    setLevel(0);
    draw();
    setState("idle");
    record.focus();
    if (current.frames === 0) {
      problem("Nothing was recorded: no sound arrived from the microphone. Press Record again, or use Upload.");
      return;
    }
    const seconds = (current.frames / current.sampleRate).toFixed(2);
    const loudest = Math.round(100 * Math.max(...current.columns.map(([low, high]) => Math.max(-low, high))));
    canvas.setAttribute("aria-label", "Waveform of your recording: " + seconds + " s, loudest sample at " +
      loudest + "% of full scale");
    say("Stopped" + (why ? " at " + why : "") + ": sending " + seconds + " s to the kernel…", "");
    sendRecording(current);
    current.chunks = null; // sent: the kernel holds the sound now
  }

  function sendRecording(current) {
    const nChannels = current.chunks[0].length;
    const joined = [];
    for (let c = 0; c < nChannels; c++) {
      const all = new Float32Array(current.frames);
      let offset = 0;
      for (const chunk of current.chunks) {
        all.set(chunk[c], offset);
        offset += chunk[c].length;
      }
      joined.push(all);
    }
    const perPart = Math.max(1, Math.floor(current.sampleRate)); // one second per message
    const parts = Math.ceil(current.frames / perPart);
    const take = newTakeId();
    for (let index = 0; index < parts; index++) {
      const begin = index * perPart;
      const end = Math.min(current.frames, begin + perPart);
      const buffers = joined.map((all) => all.slice(begin, end).buffer);
      model.send(
        { event: "recording", take, index, parts, sr: current.sampleRate, channels: nChannels },
        undefined,
        buffers,
      );
    }
  }

  async function sendFile(chosen) {
    if (!chosen) return;
    const limit = Number(model.get("max_upload_bytes")) || 64 * 1024 * 1024;
    if (chosen.size === 0) {
      problem(chosen.name + " is empty (0 bytes): there is no sound in it.");
      return;
    }
    if (chosen.size > limit) {
      problem(chosen.name + " is " + Math.round(chosen.size / 1048576) + " MiB; the recorder " +
        "accepts files up to " + Math.round(limit / 1048576) + " MiB. Load a large file with " +
        "load_audio(path) instead.");
      return;
    }
    say("Sending " + chosen.name + " to the kernel…", "");
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    const parts = Math.max(1, Math.ceil(bytes.length / PART_BYTES));
    const take = newTakeId();
    for (let index = 0; index < parts; index++) {
      const slice = bytes.slice(index * PART_BYTES, (index + 1) * PART_BYTES);
      model.send({ event: "upload", take, index, parts, name: chosen.name, size: bytes.length },
        undefined, [slice.buffer]);
    }
  }

  record.addEventListener("click", () => start());
  stop.addEventListener("click", () => finish(""));
  upload.addEventListener("click", () => file.click());
  file.addEventListener("change", () => {
    const chosen = file.files && file.files[0];
    file.value = "";
    sendFile(chosen);
  });
  const onStatus = () => showModelStatus();
  const onWav = () => showPlayer();
  model.on("change:status_serial", onStatus);
  model.on("change:wav", onWav);

  setState("idle");
  draw();
  showPlayer();
  if (model.get("status")) {
    showModelStatus();
  } else {
    say("Press Record and make a sound, then Stop (at most " + maxSeconds() + " s). " +
      "Or upload a sound file.", "");
  }

  return () => {
    // The view is going away (cell cleared, notebook closed): never leave the microphone open.
    if (capture) {
      release(capture);
      capture = null;
    }
    if (playerUrl) URL.revokeObjectURL(playerUrl);
    model.off("change:status_serial", onStatus);
    model.off("change:wav", onWav);
  };
}

export default { render };
