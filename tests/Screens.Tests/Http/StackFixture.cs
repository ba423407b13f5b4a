using Kiosk.Screens.Tests.Support;

namespace Kiosk.Screens.Tests.Http;

/// <summary>One real stack (broker, kiosk, screens host) shared by the HTTP tests of a class; each test uses its own loket.</summary>
public sealed class StackFixture : IAsyncLifetime
{
    private ScreensHarness? harness;

    internal ScreensHarness Harness => harness ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => harness = await ScreensHarness.StartAsync();

    public async Task DisposeAsync()
    {
        if (harness is not null)
        {
            await harness.DisposeAsync();
        }
    }
}
