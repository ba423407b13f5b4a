using System.Threading.Channels;

namespace Kiosk.Screens.Streaming;

/// <summary>
/// Fans messages out to the browsers of one audience (the display, or one loket session). Each browser has its own
/// bounded queue: a browser that stops reading is dropped with a log line (its connection aborted, the page
/// reconnects and redraws from the current state) and never slows another.
/// </summary>
public sealed partial class Broadcaster(int capacity, ILogger logger)
{
    private readonly Lock gate = new();
    private readonly List<Subscriber> subscribers = [];

    public int Count
    {
        get
        {
            lock (gate)
            {
                return subscribers.Count;
            }
        }
    }

    /// <summary>Adds a browser; <paramref name="first"/> (the current state) is queued before anything published later.</summary>
    public Subscriber Subscribe(string who, ScreenMessage first, Action abort)
    {
        var subscriber = new Subscriber(this, who, capacity, abort);
        lock (gate)
        {
            subscriber.TryWrite(first);
            subscribers.Add(subscriber);
        }

        return subscriber;
    }

    public void Publish(ScreenMessage message)
    {
        List<Subscriber>? slow = null;
        lock (gate)
        {
            foreach (var subscriber in subscribers)
            {
                if (!subscriber.TryWrite(message))
                {
                    (slow ??= []).Add(subscriber);
                }
            }
        }

        foreach (var subscriber in slow ?? [])
        {
            LogDropped(logger, subscriber.Who, capacity);
            subscriber.Drop();
        }
    }

    /// <summary>Ends every stream (logout, shutdown).</summary>
    public void CompleteAll()
    {
        Subscriber[] all;
        lock (gate)
        {
            all = [.. subscribers];
        }

        foreach (var subscriber in all)
        {
            subscriber.Dispose();
        }
    }

    private void Remove(Subscriber subscriber)
    {
        lock (gate)
        {
            subscribers.Remove(subscriber);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped slow browser {Who}: {Capacity} messages unread; it will reconnect")]
    private static partial void LogDropped(ILogger logger, string who, int capacity);

    public sealed class Subscriber : IDisposable
    {
        private readonly Broadcaster owner;
        private readonly Channel<ScreenMessage> channel;
        private readonly Action abort;

        internal Subscriber(Broadcaster owner, string who, int capacity, Action abort)
        {
            this.owner = owner;
            Who = who;
            this.abort = abort;
            channel = Channel.CreateBounded<ScreenMessage>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        }

        public string Who { get; }

        public ChannelReader<ScreenMessage> Reader => channel.Reader;

        internal bool TryWrite(ScreenMessage message) => channel.Writer.TryWrite(message) || channel.Reader.Completion.IsCompleted;

        internal void Drop()
        {
            Dispose();

            // The response may be stuck in a socket write that no completion reaches: abort the connection itself.
            abort();
        }

        public void Dispose()
        {
            channel.Writer.TryComplete();
            owner.Remove(this);
        }
    }
}
