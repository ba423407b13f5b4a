using System.Threading.Channels;

namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>The patient's buttons. Every implementation goes through <see cref="ButtonSemantics"/>, so the rules are the same everywhere.</summary>
public interface IButtonPanel : IAsyncDisposable
{
    ChannelReader<ButtonEvent> Events { get; }

    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>A ticket was issued from <paramref name="buttonId"/>: starts its lock-out so a double press gives one ticket.</summary>
    void NotifyTicketIssued(string buttonId);
}
