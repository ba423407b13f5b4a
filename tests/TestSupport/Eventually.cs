namespace Kiosk.TestSupport;

/// <summary>
/// The one wait for a condition that has no event to await (a file another process writes, a count in a database):
/// checked every 20 ms, never past <c>timeout</c> (the house default of 20 s when none is given), and a timeout names
/// what was awaited.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
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
