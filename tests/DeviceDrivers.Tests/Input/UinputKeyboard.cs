using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Kiosk.DeviceDrivers.Input;
using Kiosk.DeviceDrivers.Native;

namespace Kiosk.DeviceDrivers.Tests.Input;

/// <summary>
/// A virtual USB keyboard made through /dev/uinput (include/uapi/linux/uinput.h), so a real /dev/input/eventN
/// node, EVIOCGRAB and kernel timestamps are exercised where the machine allows it.
/// </summary>
internal sealed class UinputKeyboard : IDisposable
{
    private const uint UiSetEvBit = 0x40045564;     // _IOW('U', 100, int)
    private const uint UiSetKeyBit = 0x40045565;    // _IOW('U', 101, int)
    private const uint UiDevSetup = 0x405C5503;     // _IOW('U', 3, struct uinput_setup), 92 bytes
    private const uint UiDevCreate = 0x5501;        // _IO('U', 1)
    private const uint UiDevDestroy = 0x5502;       // _IO('U', 2)
    private readonly LinuxFile file;
    private bool destroyed;

    private UinputKeyboard(LinuxFile file, string eventPath)
    {
        this.file = file;
        EventPath = eventPath;
    }

    public string EventPath { get; }

    public static UinputKeyboard Create(string name)
    {
        var file = LinuxFile.Open("/dev/uinput", Libc.OWrOnly);
        try
        {
            Call(file, UiSetEvBit, Libc.EvKey);
            for (nint key = 1; key < 128; key++)
            {
                Call(file, UiSetKeyBit, key);
            }

            var setup = new byte[92];
            BinaryPrimitives.WriteUInt16LittleEndian(setup, 0x03);              // BUS_USB
            BinaryPrimitives.WriteUInt16LittleEndian(setup.AsSpan(2), 0x1234);
            BinaryPrimitives.WriteUInt16LittleEndian(setup.AsSpan(4), 0x5678);
            Encoding.ASCII.GetBytes(name).CopyTo(setup, 8);
            CallWithBuffer(file, UiDevSetup, setup);
            Call(file, UiDevCreate, 0);

            var sysName = new byte[64];
            CallWithBuffer(file, 0x80000000u | (64u << 16) | ('U' << 8) | 44, sysName);   // UI_GET_SYSNAME(64)
            var input = Encoding.ASCII.GetString(sysName, 0, Array.IndexOf(sysName, (byte)0));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            while (true)
            {
                var eventDir = Directory.Exists($"/sys/class/input/{input}") ? Directory.GetDirectories($"/sys/class/input/{input}", "event*").FirstOrDefault() : null;
                if (eventDir is not null && File.Exists($"/dev/input/{Path.GetFileName(eventDir)}"))
                {
                    return new UinputKeyboard(file, $"/dev/input/{Path.GetFileName(eventDir)}");
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new IOException($"uinput device {input} got no /dev/input/event node within 5 s.");
                }

                Thread.Yield();
            }
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Type(string text)
    {
        var layout = new Dictionary<char, (ushort Code, bool Shift)>();
        foreach (var code in Enumerable.Range(1, 127).Select(c => (ushort)c))
        {
            if (KeyboardLayout.UsEnglish.TryTranslate(code, false, false, out var plain))
            {
                layout.TryAdd(plain, (code, false));
            }

            if (KeyboardLayout.UsEnglish.TryTranslate(code, true, false, out var shifted))
            {
                layout.TryAdd(shifted, (code, true));
            }
        }

        foreach (var c in text)
        {
            if (c == '\n')
            {
                Key(KeyCodes.Enter);
                continue;
            }

            var (code, shift) = layout[c];
            if (shift)
            {
                Emit(Libc.EvKey, KeyCodes.LeftShift, 1);
            }

            Key(code);
            if (shift)
            {
                Emit(Libc.EvKey, KeyCodes.LeftShift, 0);
            }
        }
    }

    /// <summary>Removes the device, as pulling the USB plug would.</summary>
    public void Destroy()
    {
        if (!destroyed)
        {
            destroyed = true;
            Call(file, UiDevDestroy, 0);
        }
    }

    public void Dispose()
    {
        try
        {
            Destroy();
        }
        finally
        {
            file.Dispose();
        }
    }

    private void Key(ushort code)
    {
        Emit(Libc.EvKey, code, 1);
        Emit(Libc.EvKey, code, 0);
    }

    private void Emit(ushort type, ushort code, int value)
    {
        // The kernel stamps uinput events itself; the time field is ignored. SYN_REPORT after each change, as HID does.
        file.Write(InputEventDecoder.Encode(new InputEvent(TimeSpan.Zero, type, code, value), InputEventLayouts.Native), TimeSpan.FromSeconds(2), CancellationToken.None);
        file.Write(InputEventDecoder.Encode(new InputEvent(TimeSpan.Zero, Libc.EvSyn, 0, 0), InputEventLayouts.Native), TimeSpan.FromSeconds(2), CancellationToken.None);
    }

    private static unsafe void Call(LinuxFile file, uint request, nint value)
    {
        if (file.Ioctl(request, (void*)value) < 0)
        {
            throw new IOException($"uinput ioctl 0x{request:X8} failed: {Libc.Describe(Marshal.GetLastPInvokeError())}");
        }
    }

    private static unsafe void CallWithBuffer(LinuxFile file, uint request, byte[] buffer)
    {
        fixed (byte* pointer = buffer)
        {
            if (file.Ioctl(request, pointer) < 0)
            {
                throw new IOException($"uinput ioctl 0x{request:X8} failed: {Libc.Describe(Marshal.GetLastPInvokeError())}");
            }
        }
    }
}
