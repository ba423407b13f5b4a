using Kiosk.Bpjs.Reporting;

namespace Kiosk.Bpjs.Cards;

/// <summary>
/// Starts the bridge's <see cref="KioskCardSource"/> beside the host: in the background, because the site's broker may
/// not be up yet (a report that needs a card meanwhile times out and is tried again). Nothing to do when a test put in
/// its own card source.
/// </summary>
internal sealed class KioskCardSourceService(ICardNumberSource source) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        source is KioskCardSource kiosk ? kiosk.StartAsync(stoppingToken) : Task.CompletedTask;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (source is KioskCardSource kiosk)
        {
            await kiosk.DisposeAsync();
        }
    }
}
