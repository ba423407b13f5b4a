using System.Net.Sockets;
using System.Text;

namespace Kiosk.Device.Systemd;

/// <summary>
/// sd_notify(3) without libsystemd: one datagram per message to the socket named in NOTIFY_SOCKET
/// (a path, or an abstract name starting with '@'). Outside systemd it does nothing, so the kiosk runs the same
/// from a terminal. Microsoft.Extensions.Hosting.Systemd is not available here; this is the part of it we need.
/// </summary>
public sealed class SystemdNotifier : IDisposable
{
    private readonly Socket? socket;
    private readonly UnixDomainSocketEndPoint? endpoint;
    private readonly Lock gate = new();

    public SystemdNotifier()
        : this(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"))
    {
    }

    public SystemdNotifier(string? notifySocket)
    {
        if (string.IsNullOrEmpty(notifySocket))
        {
            return;
        }

        // Abstract socket names are given with '@' and sent with a leading NUL byte.
        var name = notifySocket[0] == '@' ? "\0" + notifySocket[1..] : notifySocket;
        endpoint = new UnixDomainSocketEndPoint(name);
        socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    public bool IsEnabled => socket is not null;

    /// <summary>Sends one or more "KEY=value" lines; returns false (never throws) when systemd is not listening.</summary>
    public bool Notify(string state)
    {
        if (socket is null || endpoint is null)
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(state);
        lock (gate)
        {
            try
            {
                return socket.SendTo(bytes, endpoint) == bytes.Length;
            }
            catch (SocketException)
            {
                // systemd went away (e.g. during shutdown): nothing to tell it any more.
                return false;
            }
        }
    }

    public bool Ready(string status) => Notify($"READY=1\nSTATUS={OneLine(status)}");

    public bool Status(string status) => Notify($"STATUS={OneLine(status)}");

    public bool Watchdog() => Notify("WATCHDOG=1");

    public bool Stopping(string status) => Notify($"STOPPING=1\nSTATUS={OneLine(status)}");

    public void Dispose() => socket?.Dispose();

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
