"""helpers: the code behind the course *Audio signal processing for machine learning*.

One module per stage of the course:

- ``helpers.signals``   making sounds (sines, sweeps, noise, ADSR envelopes, quantization)
- ``helpers.audio``     loading the shipped sounds and playing sound in a notebook
- ``helpers.features``  framing, amplitude envelope, RMS, zero-crossing rate
- ``helpers.spectral``  the Fourier transform, STFT, decibels, the mel scale
- ``helpers.plotting``  drawing waveforms, features, spectra and spectrograms
- ``helpers.widgets``   interactive explorers (sliders wired to the modules above)
- ``helpers.exercises`` checks for the notebooks' exercises

Importing ``helpers`` is quick: it does not import librosa or matplotlib.
"""

__version__ = "0.1.0"
