using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Kiosk.Screens.Streaming;

namespace Kiosk.Screens.Endpoints;

/// <summary>Turns a browser's queue into its SSE stream, with a heartbeat so the page notices a dead host quickly.</summary>
public static class ScreenStreams
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(10);

    public static async IAsyncEnumerable<SseItem<string>> ReadAsync(Broadcaster.Subscriber subscriber, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (subscriber)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                bool more;
                using (var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    beat.CancelAfter(Heartbeat);
                    try
                    {
                        more = await subscriber.Reader.WaitToReadAsync(beat.Token);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        more = true;
                    }
                    catch (OperationCanceledException)
                    {
                        // The browser went away (a cut connection): the subscriber is removed on the way out.
                        yield break;
                    }
                }

                if (!more)
                {
                    yield break;
                }

                if (!subscriber.Reader.TryPeek(out _))
                {
                    yield return new SseItem<string>("{}", "detak");
                    continue;
                }

                while (subscriber.Reader.TryRead(out var message))
                {
                    yield return new SseItem<string>(message.Json, message.EventType);
                }
            }
        }
    }
}
