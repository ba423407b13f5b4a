namespace Kiosk.TestSupport;

/// <summary>
/// The one wait for a condition that has no event to await (a file another process writes, a count in a database):
/// checked every 20 ms, never past <c>timeout</c>, and a timeout names what was awaited.
/// </summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(20);
        }
    }
}
