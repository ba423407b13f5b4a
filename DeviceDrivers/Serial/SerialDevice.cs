using System.Runtime.InteropServices;
using Kiosk.DeviceDrivers.Native;

namespace Kiosk.DeviceDrivers.Serial;

/// <summary>
/// A serial device (/dev/ttyUSB0, /dev/ttyACM0, /dev/ttyS0) opened raw through termios, shared by the serial
/// printer transport and the serial QR/card reader. Reads and writes have timeouts; an unplugged adapter surfaces
/// as a <see cref="SerialDeviceException"/> so the caller can reopen.
/// </summary>
public sealed class SerialDevice : IDisposable
{
    private readonly LinuxFile file;

    private SerialDevice(LinuxFile file, SerialSettings settings)
    {
        this.file = file;
        Settings = settings;
    }

    public SerialSettings Settings { get; }

    public static SerialDevice Open(SerialSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var baud = settings.BaudConstant;
        LinuxFile file;
        try
        {
            file = LinuxFile.Open(settings.DevicePath, Libc.ORdWr | Libc.ONoCtty);
        }
        catch (IOException ex)
        {
            throw new SerialDeviceException($"Serial device {settings.DevicePath} cannot be opened: {ex.Message}", ex);
        }

        try
        {
            Configure(file, settings, baud);
            return new SerialDevice(file, settings);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads what arrives within <paramref name="timeout"/>; 0 means the line stayed quiet.</summary>
    public async Task<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await file.ReadAsync(buffer, timeout, cancellationToken);
        }
        catch (IOException ex) when (ex is not SerialDeviceException)
        {
            throw new SerialDeviceException($"Serial device {Settings.DevicePath}: {ex.Message}", ex);
        }
    }

    /// <summary>Writes all bytes and waits until the UART has sent them (tcdrain), or throws with the reason.</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> data, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await file.WriteAsync(data, timeout, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or TimeoutException && ex is not SerialDeviceException)
        {
            throw new SerialDeviceException($"Serial device {Settings.DevicePath}: {ex.Message}", ex);
        }
    }

    /// <summary>Drops whatever the kernel buffered, e.g. a half scan from before the reader was reopened.</summary>
    public void DiscardBuffers() => file.WithDescriptor(fd => Libc.TcFlush(fd, Libc.TcIoFlush));

    public void Dispose() => file.Dispose();

    private static void Configure(LinuxFile file, SerialSettings settings, uint baud)
    {
        file.WithDescriptor(fd =>
        {
            if (Libc.IsATty(fd) != 1)
            {
                throw new SerialDeviceException($"{settings.DevicePath} is not a serial device (not a tty).");
            }

            var termios = default(Libc.Termios);
            Check(Libc.TcGetAttr(fd, ref termios), settings, "tcgetattr");

            // Raw 8N1: no echo, no line editing, no CR/LF translation; binary ESC/POS must pass untouched.
            Libc.CfMakeRaw(ref termios);
            termios.CFlag = (termios.CFlag & ~(Libc.CSize | Libc.ParEnb | Libc.CStopB | Libc.CrtsCts)) | Libc.CS8 | Libc.CRead | Libc.CLocal;
            if (settings.TwoStopBits)
            {
                termios.CFlag |= Libc.CStopB;
            }

            if (settings.HardwareFlowControl)
            {
                termios.CFlag |= Libc.CrtsCts;
            }

            unsafe
            {
                // VMIN 1 with O_NONBLOCK: an empty line gives EAGAIN (we wait in poll) and 0 really means hang-up.
                // VMIN 0 would make an empty read return 0 and look like an unplugged device.
                termios.ControlChars[Libc.VMin] = 1;
                termios.ControlChars[Libc.VTime] = 0;
            }

            Check(Libc.CfSetSpeed(ref termios, baud), settings, "cfsetspeed");
            Check(Libc.TcSetAttr(fd, Libc.TcsaNow, ref termios), settings, "tcsetattr");
            Libc.TcFlush(fd, Libc.TcIoFlush);
            return 0;
        });
    }

    private static void Check(int result, SerialSettings settings, string call)
    {
        if (result != 0)
        {
            throw new SerialDeviceException($"Serial device {settings.DevicePath}: {call} failed: {Libc.Describe(Marshal.GetLastPInvokeError())}");
        }
    }
}
