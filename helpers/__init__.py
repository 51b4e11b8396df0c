"""helpers: the code behind the course *Audio signal processing for machine learning*.

One module per stage of the course:

- ``helpers.signals``        making sounds (sines, sweeps, noise, ADSR envelopes, quantization)
- ``helpers.audio``          loading, resampling and playing sound (the shipped sounds too)
- ``helpers.features``       framing, amplitude envelope, RMS, zero-crossing rate
- ``helpers.spectral``       the Fourier transform, STFT, decibels, the mel scale, MFCCs,
  spectral features (centroid, bandwidth, roll-off, flatness, band energy ratio), flux and onsets
- ``helpers.plotting``       drawing waveforms, features, spectra and spectrograms
- ``helpers.widgets``        interactive explorers (sliders wired to the modules above)
- ``helpers.canvas``         the explorers' pictures as data, drawn in the browser (a canvas
  widget whose JavaScript ships in this package) or by matplotlib (PNG)
- ``helpers.recorder``       record your own voice or upload a file (``widgets.recorder()``)
- ``helpers.exercises``      checks for the notebooks' exercises
- ``helpers.dataset``        loading a folder-per-class sound collection into features and labels
- ``helpers.clip_features``  a clip as a classifier's input: summary numbers or a log-mel image
- ``helpers.augment``        data augmentation: time shift, gain, noise at an SNR, SpecAugment masks
- ``helpers.deep``           a small convolutional network: Keras on JAX, its input, looking inside
- ``helpers.lab_nodelay``   a Jupyter server extension: kernel messages reach the browser
  without Nagle's 40 ms delay (``python -m helpers.lab_nodelay`` enables it; make does)
- ``helpers.warmup``         ``python -m helpers.warmup``: compile librosa's and matplotlib's
  caches once, so a learner's first cell is quick

Private: ``helpers._validate`` (the input checks every module shares).

Importing ``helpers`` is quick: it does not import librosa, matplotlib, Keras or JAX.
"""

__version__ = "0.2.0"
