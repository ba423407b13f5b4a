using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;

namespace Kiosk.Simulator.Web;

/// <summary>
/// Fans the front panel's happenings out to every open page: each page gets its own bounded channel; a page that
/// stops reading loses its oldest updates rather than slowing the kiosk (it re-reads /api/state when it reconnects).
/// </summary>
public sealed class PanelEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock gate = new();
    private readonly List<Channel<SseItem<string>>> pages = [];

    public void Publish(string type, object data)
    {
        var item = new SseItem<string>(JsonSerializer.Serialize(data, Json), type);
        lock (gate)
        {
            foreach (var page in pages)
            {
                page.Writer.TryWrite(item);
            }
        }
    }

    public async IAsyncEnumerable<SseItem<string>> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(2000) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (gate)
        {
            pages.Add(page);
        }

        try
        {
            // The first item tells the page it is connected, so it can fetch the snapshot without missing an update.
            yield return new SseItem<string>("{}", "hello");
            while (await page.Reader.WaitToReadAsync(cancellationToken))
            {
                while (page.Reader.TryRead(out var item))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            lock (gate)
            {
                pages.Remove(page);
            }
        }
    }
}
