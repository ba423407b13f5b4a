using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace Kiosk.Simulator.KioskPart;

/// <summary>
/// The simulator's line to its kiosk process: a Unix domain socket carrying one JSON <see cref="PartMessage"/> per
/// line, both ways. A line that is not a message (or a message nobody understands) is logged and skipped: a bad line
/// never stops either side. The end of the stream means the other side is gone.
/// </summary>
public sealed partial class PartChannel : IAsyncDisposable
{
    /// <summary>The one serializer setting for this line, used by both sides.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Socket socket;
    private readonly NetworkStream stream;
    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly ILogger logger;

    public PartChannel(Socket socket, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(socket);
        this.socket = socket;
        this.logger = logger;
        stream = new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>Connects to the simulator listening on <paramref name="path"/>.</summary>
    public static async Task<PartChannel> ConnectAsync(string path, ILogger logger, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
            return new PartChannel(socket, logger);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="message"/>; false when the other side is gone (its death is the reader's news).</summary>
    public Task<bool> SendAsync(PartMessage message) => SendLineAsync(JsonSerializer.SerializeToUtf8Bytes(message, Json));

    /// <summary>Any text as one line, valid or not (tests feed the other side garbage with it).</summary>
    public Task<bool> SendRawAsync(string line) => SendLineAsync(Encoding.UTF8.GetBytes(line));

    /// <summary>
    /// Hands every message to <paramref name="handle"/> until the other side closes (or dies). <paramref name="handle"/>
    /// returns false for a message it cannot act on; that is logged like a malformed line.
    /// </summary>
    public async Task ReadAsync(Func<PartMessage, bool> handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            if (line is null)
            {
                return;
            }

            if (line.Length == 0)
            {
                continue;
            }

            PartMessage? message;
            try
            {
                message = JsonSerializer.Deserialize<PartMessage>(line, Json);
            }
            catch (JsonException ex)
            {
                LogUnreadable(logger, Shorten(line), ex.Message);
                continue;
            }

            bool understood;
            try
            {
                understood = message is not null && handle(message);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException)
            {
                LogRefused(logger, Shorten(line), ex.Message);
                continue;
            }

            if (!understood)
            {
                LogRefused(logger, Shorten(line), "jenis atau isinya tidak dikenal");
            }
        }
    }

    /// <summary>Closes the line: the other side reads the end of the stream.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed by the other side.
        }

        await stream.DisposeAsync();
        writing.Dispose();
    }

    private async Task<bool> SendLineAsync(byte[] line)
    {
        try
        {
            await writing.WaitAsync();
            try
            {
                var framed = new byte[line.Length + 1];
                line.CopyTo(framed, 0);
                framed[^1] = (byte)'\n';
                await stream.WriteAsync(framed);
                return true;
            }
            finally
            {
                writing.Release();
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    private static string Shorten(string line) => line.Length > 200 ? line[..200] + "…" : line;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Baris dari proses pasangan tidak dapat dibaca, diabaikan: {Line} ({Reason})")]
    private static partial void LogUnreadable(ILogger logger, string line, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pesan dari proses pasangan tidak dapat dijalankan, diabaikan: {Line} ({Reason})")]
    private static partial void LogRefused(ILogger logger, string line, string reason);
}
