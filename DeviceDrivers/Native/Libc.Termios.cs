using System.Runtime.InteropServices;

namespace Kiosk.DeviceDrivers.Native;

/// <summary>termios for serial printers and readers: System.IO.Ports is not available here.</summary>
internal static partial class Libc
{
    // c_cflag bits and c_cc indexes from Linux's asm-generic/termbits.h (same on x86_64, arm64, armhf).
    public const uint CSize = 0x30;
    public const uint CS8 = 0x30;
    public const uint CStopB = 0x40;
    public const uint CRead = 0x80;
    public const uint ParEnb = 0x100;
    public const uint CLocal = 0x800;
    public const uint CrtsCts = 0x80000000;
    public const int VTime = 5;
    public const int VMin = 6;
    public const int TcsaNow = 0;
    public const int TcIoFlush = 2;

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int TcGetAttr(int fd, ref Termios termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int TcSetAttr(int fd, int optionalActions, ref Termios termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    public static partial void CfMakeRaw(ref Termios termios);

    [LibraryImport("libc", EntryPoint = "cfsetspeed", SetLastError = true)]
    public static partial int CfSetSpeed(ref Termios termios, uint speed);

    [LibraryImport("libc", EntryPoint = "tcflush", SetLastError = true)]
    public static partial int TcFlush(int fd, int queueSelector);

    [LibraryImport("libc", EntryPoint = "tcdrain", SetLastError = true)]
    public static partial int TcDrain(int fd);

    [LibraryImport("libc", EntryPoint = "isatty")]
    public static partial int IsATty(int fd);

    /// <summary>glibc's struct termios: 4 flag words, c_line, 32 control chars, then the two speeds (60 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct Termios
    {
        public uint IFlag;
        public uint OFlag;
        public uint CFlag;
        public uint LFlag;
        public byte Line;
        public fixed byte ControlChars[32];
        public uint ISpeed;
        public uint OSpeed;
    }
}
