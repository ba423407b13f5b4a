using System.Threading.Channels;
using Kiosk.DeviceDrivers.Scanning;

namespace Kiosk.DeviceDrivers.Input;

/// <summary>A QR/barcode/card reader. It reopens a lost device by itself and reports each change of state.</summary>
public interface IScanReader : IAsyncDisposable
{
    string Name { get; }

    ChannelReader<RawScan> Scans { get; }

    ReaderState State { get; }

    event EventHandler<ReaderStateChangedEventArgs>? StateChanged;

    Task StartAsync(CancellationToken cancellationToken);
}
