namespace Kiosk.Mqtt.Tests.Support;

internal static class Wait
{
    /// <summary>Polls a condition until it holds; every wait in these tests is bounded.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!condition())
        {
            try
            {
                await Task.Delay(20, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}");
            }
        }
    }

    public static async Task<T> ForAsync<T>(Task<T> task, TimeSpan timeout, string what)
    {
        try
        {
            return await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}");
        }
    }

    public static async Task ForAsync(Task task, TimeSpan timeout, string what)
    {
        try
        {
            await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}");
        }
    }

    public static async Task<MqttApplicationMessage> NextMessageAsync(MqttClient client, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await client.Messages.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No message arrived within {timeout.TotalSeconds:0.#} s.");
        }
    }
}
