# aiortc 1.4.0 (Debian python3-aiortc, run with /usr/bin/python3) as one browser of a forwarded call.
# Sends a WIDTHxHEIGHT picture and a TONE Hz sine; reports what it decodes from the other side, so the test can
# tell the other peer's media (its size, its tone) from an echo of its own.
# argv: <width> <height> <tone hz>
# stdio protocol, one JSON object per line:
#   stdout {"offer": sdp}  ->  stdin {"answer": sdp}  ->  stdout {"status": {...}} every 0.5 s until stdin {"stop": ""}
import asyncio
import fractions
import json
import math
import struct
import sys
import traceback

import av
import numpy
from aiortc import MediaStreamTrack, RTCPeerConnection, RTCSessionDescription, VideoStreamTrack

WIDTH, HEIGHT, TONE = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])


class Picture(VideoStreamTrack):
    """Frames of the given size whose brightness changes every frame, so the encoder has something to send."""

    def __init__(self):
        super().__init__()
        self.n = 0

    async def recv(self):
        pts, time_base = await self.next_timestamp()
        frame = av.VideoFrame(WIDTH, HEIGHT, "yuv420p")
        shade = (self.n * 4) % 256
        for i, plane in enumerate(frame.planes):
            plane.update(bytes([shade if i == 0 else 128]) * plane.buffer_size)
        self.n += 1
        frame.pts = pts
        frame.time_base = time_base
        return frame


class Tone(MediaStreamTrack):
    """20 ms frames of a sine, 48 kHz mono s16."""

    kind = "audio"

    def __init__(self):
        super().__init__()
        self.samples = 0
        self.start = None

    async def recv(self):
        loop = asyncio.get_event_loop()
        if self.start is None:
            self.start = loop.time()
        wait = self.start + self.samples / 48000 - loop.time()
        if wait > 0:
            await asyncio.sleep(wait)
        t = (numpy.arange(960) + self.samples) / 48000.0
        pcm = (8000 * numpy.sin(2 * math.pi * TONE * t)).astype("<i2").tobytes()
        frame = av.AudioFrame(format="s16", layout="mono", samples=960)
        frame.planes[0].update(pcm)
        frame.sample_rate = 48000
        frame.pts = self.samples
        frame.time_base = fractions.Fraction(1, 48000)
        self.samples += 960
        return frame


def say(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def dominant_frequency(samples, rate):
    """The strongest frequency of a block of samples (an FFT peak), in Hz."""
    if len(samples) < 1024:
        return 0.0
    block = samples[-8192:] * numpy.hanning(len(samples[-8192:]))
    spectrum = numpy.abs(numpy.fft.rfft(block))
    spectrum[0] = 0
    return float(numpy.argmax(spectrum) * rate / len(block))


async def main():
    pc = RTCPeerConnection()
    state = {"video": 0, "audio": 0, "width": 0, "height": 0, "freq": 0.0, "level": 0.0, "maxLevel": 0.0}
    audio_tail = numpy.zeros(0)

    async def consume(track):
        nonlocal audio_tail
        while True:
            try:
                frame = await track.recv()
            except Exception:
                return
            if track.kind == "video":
                state["video"] += 1
                state["width"], state["height"] = frame.width, frame.height
            else:
                state["audio"] += 1
                channels = len(frame.layout.channels)
                samples = numpy.frombuffer(bytes(frame.planes[0]), dtype="<i2")[: frame.samples * channels]
                mono = samples[::channels].astype(numpy.float64)
                audio_tail = numpy.concatenate([audio_tail, mono])[-8192:]
                state["level"] = float(numpy.sqrt(numpy.mean(mono * mono))) if len(mono) else 0.0
                state["maxLevel"] = max(state["maxLevel"], state["level"])
                if state["audio"] % 10 == 0:
                    state["freq"] = dominant_frequency(audio_tail, frame.sample_rate)

    @pc.on("track")
    def on_track(track):
        asyncio.ensure_future(consume(track))

    pc.addTrack(Tone())
    pc.addTrack(Picture())
    await pc.setLocalDescription(await pc.createOffer())
    say({"offer": pc.localDescription.sdp})
    loop = asyncio.get_event_loop()
    line = await loop.run_in_executor(None, sys.stdin.readline)
    await pc.setRemoteDescription(RTCSessionDescription(sdp=json.loads(line)["answer"], type="answer"))
    stop = loop.run_in_executor(None, sys.stdin.readline)
    deadline = loop.time() + 180
    while loop.time() < deadline and not stop.done():
        say({"status": dict(state, state=pc.connectionState)})
        await asyncio.sleep(0.5)
    await pc.close()


try:
    asyncio.get_event_loop().run_until_complete(main())
except Exception:
    say({"error": traceback.format_exc()})
