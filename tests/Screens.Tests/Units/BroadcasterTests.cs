using Kiosk.Screens.Streaming;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiosk.Screens.Tests.Units;

public sealed class BroadcasterTests
{
    [Fact]
    public void A_browser_that_never_reads_is_dropped_and_aborted_while_others_get_everything()
    {
        var broadcaster = new Broadcaster(capacity: 8, NullLogger.Instance);
        var aborted = false;
        using var slow = broadcaster.Subscribe("slow", new ScreenMessage("keadaan", "{}"), () => aborted = true);
        using var fast = broadcaster.Subscribe("fast", new ScreenMessage("keadaan", "{}"), () => { });
        var received = 0;
        for (var i = 0; i < 100; i++)
        {
            broadcaster.Publish(new ScreenMessage("keadaan", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            while (fast.Reader.TryRead(out _))
            {
                received++;
            }
        }

        Assert.True(aborted);
        Assert.Equal(1, broadcaster.Count);
        Assert.Equal(101, received);

        // Its stream ends after what it had queued: the page reconnects and redraws from the current state.
        var queued = 0;
        while (slow.Reader.TryRead(out _))
        {
            queued++;
        }

        Assert.Equal(8, queued);
        Assert.True(slow.Reader.Completion.IsCompleted);
    }
}
