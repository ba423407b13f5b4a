using System.Buffers;

namespace Kiosk.Fuzz.Targets;

/// <summary>A <see cref="ReadOnlySequence{T}"/> cut into segments at every multiple of a read size, as a pipe hands out reads.</summary>
internal sealed class Segments : ReadOnlySequenceSegment<byte>
{
    private Segments(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> Of(byte[] input, int start, int end, int readSize)
    {
        if (end - start <= readSize)
        {
            return new ReadOnlySequence<byte>(input, start, end - start);
        }

        Segments? first = null;
        Segments? last = null;
        var position = start;
        while (position < end)
        {
            // Segment borders where the reads ended: multiples of the read size from the start of the stream.
            var next = Math.Min(end, ((position / readSize) + 1) * readSize);
            var segment = new Segments(input.AsMemory(position, next - position), position - start);
            if (last is null)
            {
                first = segment;
            }
            else
            {
                last.Next = segment;
            }

            last = segment;
            position = next;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }
}
