using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using Kiosk.DeviceDrivers.Gpio;
using Kiosk.DeviceDrivers.Native;

namespace Kiosk.DeviceDrivers.Tests.Gpio;

/// <summary>
/// A GPIO chip at the ioctl seam: answers as the kernel does (chip info, line info, a descriptor for a line
/// request), keeps every request's bytes for byte-by-byte checks and plays recorded event bytes into the line.
/// </summary>
internal sealed class FakeGpioChip(string label = "pinctrl-bcm2711", int lines = 58) : IGpioChipIo
{
    private readonly ConcurrentDictionary<int, FakeGpioLine> linesByFd = new();
    private int nextFd = 100;

    public string Path { get; } = "/dev/gpiochip0";

    public List<byte[]> Requests { get; } = [];

    public bool RefuseKernelDebounce { get; set; }

    public ConcurrentQueue<FakeGpioLine> RequestedLines { get; } = new();

    public void Ioctl(uint request, byte[] argument)
    {
        switch (request)
        {
            case Libc.GpioGetChipInfoIoctl:
                Encoding.ASCII.GetBytes("gpiochip0").CopyTo(argument, 0);
                Encoding.ASCII.GetBytes(label).CopyTo(argument, 32);
                BinaryPrimitives.WriteUInt32LittleEndian(argument.AsSpan(64), (uint)lines);
                break;
            case Libc.GpioV2GetLineInfoIoctl:
                var offset = BinaryPrimitives.ReadUInt32LittleEndian(argument.AsSpan(64));
                Encoding.ASCII.GetBytes($"GPIO{offset}").CopyTo(argument, 0);
                BinaryPrimitives.WriteUInt64LittleEndian(argument.AsSpan(72), (ulong)GpioLineModes.Input);
                break;
            case Libc.GpioV2GetLineIoctl:
                Requests.Add([.. argument]);
                var hasDebounce = BinaryPrimitives.ReadUInt32LittleEndian(argument.AsSpan(288 + 8)) > 0
                    && BinaryPrimitives.ReadUInt32LittleEndian(argument.AsSpan(288 + 32)) == Libc.GpioV2LineAttrIdDebounce;
                if (RefuseKernelDebounce && hasDebounce)
                {
                    throw new GpioException($"ioctl 0x{request:X8} on {Path} failed: Invalid argument (errno 22)");
                }

                var fd = Interlocked.Increment(ref nextFd);
                BinaryPrimitives.WriteInt32LittleEndian(argument.AsSpan(588), fd);
                var line = new FakeGpioLine();
                linesByFd[fd] = line;
                RequestedLines.Enqueue(line);
                break;
            default:
                throw new GpioException($"unexpected ioctl 0x{request:X8}");
        }
    }

    public IGpioLineIo AdoptLine(int fd, string description) => linesByFd[fd];

    public void Dispose()
    {
    }
}

internal sealed class FakeGpioLine : IGpioLineIo
{
    private readonly BlockingCollection<byte[]> chunks = [];

    public volatile bool Level;

    public ConcurrentQueue<(ulong Bits, ulong Mask)> Writes { get; } = new();

    public bool Disposed { get; private set; }

    public void Play(byte[] recording) => chunks.Add(recording);

    public int Read(Span<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!chunks.TryTake(out var chunk, (int)timeout.TotalMilliseconds, cancellationToken))
        {
            return 0;
        }

        chunk.CopyTo(buffer);
        return chunk.Length;
    }

    public void Ioctl(uint request, byte[] argument)
    {
        switch (request)
        {
            case Libc.GpioV2LineGetValuesIoctl:
                BinaryPrimitives.WriteUInt64LittleEndian(argument, Level ? 1UL : 0UL);
                break;
            case Libc.GpioV2LineSetValuesIoctl:
                Writes.Enqueue((BinaryPrimitives.ReadUInt64LittleEndian(argument), BinaryPrimitives.ReadUInt64LittleEndian(argument.AsSpan(8))));
                break;
            default:
                throw new GpioException($"unexpected line ioctl 0x{request:X8}");
        }
    }

    public void Dispose() => Disposed = true;
}
