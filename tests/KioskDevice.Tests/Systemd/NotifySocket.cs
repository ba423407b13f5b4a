using System.Net.Sockets;
using System.Text;

namespace Kiosk.Device.Tests.Systemd;

/// <summary>A datagram socket playing systemd's side of NOTIFY_SOCKET.</summary>
internal sealed class NotifySocket : IDisposable
{
    private readonly Socket socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly string folder = Directory.CreateTempSubdirectory("kiosk-notify-").FullName;

    public NotifySocket()
    {
        Path = System.IO.Path.Combine(folder, "notify.sock");
        socket.Bind(new UnixDomainSocketEndPoint(Path));
    }

    public string Path { get; }

    public async Task<string> ReceiveAsync(TimeSpan timeout)
    {
        var buffer = new byte[4096];
        using var cancel = new CancellationTokenSource(timeout);
        var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    /// <summary>Reads datagrams until one contains <paramref name="needle"/>; returns everything read on the way.</summary>
    public async Task<IReadOnlyList<string>> ReceiveUntilAsync(string needle, TimeSpan timeout)
    {
        var seen = new List<string>();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No '{needle}' within {timeout.TotalSeconds:0} s; got: {string.Join(" | ", seen)}");
            }

            try
            {
                var message = await ReceiveAsync(remaining);
                seen.Add(message);
                if (message.Contains(needle, StringComparison.Ordinal))
                {
                    return seen;
                }
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No '{needle}' within {timeout.TotalSeconds:0} s; got: {string.Join(" | ", seen)}");
            }
        }
    }

    public void Dispose()
    {
        socket.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
