using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiosk.DeviceDrivers.Gpio;

/// <summary>
/// Buttons on GPIO lines through the character device: one line request per button (each with its own bias,
/// active-low and debounce), both edges, kernel timestamps fed into <see cref="ButtonSemantics"/>.
/// </summary>
public sealed class GpioButtonPanel : IButtonPanel
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private readonly IReadOnlyList<ButtonOptions> buttons;
    private readonly Func<string, IGpioChipIo> openChip;
    private readonly Func<TimeSpan> clock;
    private readonly ILogger logger;
    private readonly ButtonSemantics semantics;
    private readonly List<Task> loops = [];
    private readonly List<GpioLineRequest> requests = [];
    private CancellationTokenSource? stopping;

    public GpioButtonPanel(IReadOnlyList<ButtonOptions> buttons, ILogger<GpioButtonPanel>? logger = null)
        : this(buttons, path => LinuxGpioChipIo.Open(GpioChipLocator.Resolve(path)), () => MonotonicClock.Now, logger)
    {
    }

    internal GpioButtonPanel(IReadOnlyList<ButtonOptions> buttons, Func<string, IGpioChipIo> openChip, Func<TimeSpan> clock, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(buttons);
        ButtonOptions.Validate(buttons, requireWiring: true);
        this.buttons = buttons;
        this.openChip = openChip;
        this.clock = clock;
        this.logger = logger ?? NullLogger.Instance;
        semantics = new ButtonSemantics(buttons, this.logger);
    }

    public ChannelReader<ButtonEvent> Events => semantics.Events;

    /// <summary>Requests every line now, so a wrong chip, line or a busy line fails here with its reason.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (stopping is not null)
        {
            throw new InvalidOperationException("The button panel is already started.");
        }

        stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            foreach (var button in buttons)
            {
                var request = RequestLine(button);
                requests.Add(request);
                semantics.Initialize(button.Id, request.GetValue(0), clock());
            }
        }
        catch
        {
            foreach (var request in requests)
            {
                request.Dispose();
            }

            requests.Clear();
            throw;
        }

        for (var i = 0; i < buttons.Count; i++)
        {
            var button = buttons[i];
            var index = i;
            var token = stopping.Token;
            loops.Add(Task.Factory.StartNew(() => Run(button, index, token), token, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        }

        return Task.CompletedTask;
    }

    public void NotifyTicketIssued(string buttonId) => semantics.NotifyTicketIssued(buttonId, clock());

    public async ValueTask DisposeAsync()
    {
        if (stopping is not null)
        {
            await stopping.CancelAsync();
            try
            {
                await Task.WhenAll(loops);
            }
            catch (OperationCanceledException)
            {
                // Stopping is the expected way out of the read loops.
            }

            stopping.Dispose();
        }

        lock (requests)
        {
            foreach (var request in requests)
            {
                request.Dispose();
            }
        }

        semantics.Complete();
    }

    internal static GpioLineSettings InputSettings(ButtonOptions button, bool withKernelDebounce) => new()
    {
        ActiveLow = button.ActiveLow,
        Bias = button.Bias,
        BothEdges = true,
        DebounceMicroseconds = withKernelDebounce && button.KernelDebounce ? (uint)button.DebounceMs * 1000 : 0,
    };

    private GpioLineRequest RequestLine(ButtonOptions button)
    {
        using var chip = new GpioChip(openChip(button.Chip));
        var offset = chip.ResolveLine(button.Line);
        var consumer = $"kiosk-{button.Id}";
        if (button.KernelDebounce && button.DebounceMs > 0)
        {
            try
            {
                return chip.Request([offset], InputSettings(button, withKernelDebounce: true), consumer);
            }
            catch (GpioException ex)
            {
                // Kernels before 5.10 have no debounce attribute; the software debounce still holds the line steady.
                logger.LogWarning("Button {ButtonId}: kernel debounce refused ({Reason}); using software debounce only.", button.Id, ex.Message);
            }
        }

        return chip.Request([offset], InputSettings(button, withKernelDebounce: false), consumer);
    }

    private void Run(ButtonOptions button, int index, CancellationToken token)
    {
        var sequence = new GpioSequenceTracker();
        var request = requests[index];
        while (!token.IsCancellationRequested)
        {
            try
            {
                var now = clock();
                var wait = semantics.NextDeadlineOf(button.Id) is { } deadline ? deadline - now : MaxWait;
                wait = wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait > MaxWait ? MaxWait : wait;
                var rejectedBefore = request.RejectedRecords;
                foreach (var lineEvent in request.ReadEvents(wait, token))
                {
                    var lost = sequence.Observe(lineEvent);
                    if (lost > 0)
                    {
                        // Edges are missing, so the edge history cannot be trusted: take the level the line has now.
                        var level = request.GetValue(0);
                        logger.LogWarning("Button {ButtonId}: {Lost} GPIO event(s) lost before seqno {Seqno}; line re-read as {Level}.", button.Id, lost, lineEvent.Seqno, level ? "pressed" : "released");
                        semantics.OnLevel(button.Id, level, lineEvent.Timestamp);
                        continue;
                    }

                    semantics.OnLevel(button.Id, lineEvent.BecameActive, lineEvent.Timestamp);
                }

                if (request.RejectedRecords > rejectedBefore)
                {
                    logger.LogWarning("Button {ButtonId}: {Count} unreadable GPIO event record(s) skipped.", button.Id, request.RejectedRecords - rejectedBefore);
                }

                semantics.Advance(clock());
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (GpioException ex)
            {
                logger.LogError("Button {ButtonId} cannot be read: {Reason}. Requesting the line again in {Delay} s.", button.Id, ex.Message, RetryDelay.TotalSeconds);
                request = Reopen(button, index, token);
                sequence = new GpioSequenceTracker();
            }
        }
    }

    private GpioLineRequest Reopen(ButtonOptions button, int index, CancellationToken token)
    {
        while (true)
        {
            token.WaitHandle.WaitOne(RetryDelay);
            token.ThrowIfCancellationRequested();
            try
            {
                lock (requests)
                {
                    requests[index].Dispose();
                    requests[index] = RequestLine(button);
                    semantics.OnLevel(button.Id, requests[index].GetValue(0), clock());
                    return requests[index];
                }
            }
            catch (Exception ex) when (ex is GpioException or DeviceConfigurationException)
            {
                logger.LogError("Button {ButtonId} still unavailable: {Reason}.", button.Id, ex.Message);
            }
        }
    }
}
