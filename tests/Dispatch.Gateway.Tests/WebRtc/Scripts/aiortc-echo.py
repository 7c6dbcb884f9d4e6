# aiortc 1.4.0 (Debian python3-aiortc, run with /usr/bin/python3) against the echo endpoint.
# Sends a generated video (moving gradient) and a 440 Hz tone, and counts decoded frames coming back.
# stdio protocol, one JSON object per line:
#   stdout {"offer": sdp}  ->  stdin {"answer": sdp}  ->  stdout {"result": {...}} or {"error": "..."}
import asyncio
import fractions
import json
import math
import struct
import sys
import traceback

import av
from aiortc import MediaStreamTrack, RTCPeerConnection, RTCSessionDescription, VideoStreamTrack


class Gradient(VideoStreamTrack):
    """320x240 frames whose brightness changes every frame, so the encoder has something to send."""

    def __init__(self):
        super().__init__()
        self.n = 0

    async def recv(self):
        pts, time_base = await self.next_timestamp()
        frame = av.VideoFrame(320, 240, "yuv420p")
        shade = (self.n * 4) % 256
        for i, plane in enumerate(frame.planes):
            plane.update(bytes([shade if i == 0 else 128]) * plane.buffer_size)
        self.n += 1
        frame.pts = pts
        frame.time_base = time_base
        return frame


class Tone(MediaStreamTrack):
    """20 ms frames of a 440 Hz sine, 48 kHz mono s16."""

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
        pcm = b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * (self.samples + i) / 48000))) for i in range(960))
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


async def main():
    pc = RTCPeerConnection()
    received = {"video": 0, "audio": 0}

    async def consume(track):
        while True:
            try:
                await track.recv()
            except Exception:
                return
            received[track.kind] += 1

    @pc.on("track")
    def on_track(track):
        asyncio.ensure_future(consume(track))

    pc.addTrack(Tone())
    pc.addTrack(Gradient())
    await pc.setLocalDescription(await pc.createOffer())
    say({"offer": pc.localDescription.sdp})
    line = await asyncio.get_event_loop().run_in_executor(None, sys.stdin.readline)
    await pc.setRemoteDescription(RTCSessionDescription(sdp=json.loads(line)["answer"], type="answer"))
    deadline = asyncio.get_event_loop().time() + 45
    while asyncio.get_event_loop().time() < deadline and not (received["video"] > 0 and received["audio"] > 0):
        await asyncio.sleep(0.25)
    # Keep counting a moment: more than one frame shows a stream, not a fluke.
    await asyncio.sleep(1)
    say({"result": {"connectionState": pc.connectionState, "videoFramesDecoded": received["video"], "audioFramesDecoded": received["audio"]}})
    await pc.close()


try:
    asyncio.get_event_loop().run_until_complete(main())
except Exception:
    say({"error": traceback.format_exc()})
