namespace Kiosk.District.Tests.Ingest;

/// <summary>
/// <see cref="TestSupport.Eventually"/> for a condition that has to ask over the network (consumer info, a publish):
/// checked every 20 ms, never past the timeout (20 s unless given), and a timeout names what was awaited.
/// </summary>
internal static class EventuallyAsync
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TestSupport.Eventually.DefaultTimeout);
        while (!await condition().WaitAsync(TimeSpan.FromSeconds(20)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(20);
        }
    }
}
