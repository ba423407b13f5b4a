using Microsoft.Extensions.Logging;

namespace Kiosk.Queue.Engine;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Ticket log {Path} open: schema {Schema}, business day {Day}, sequence {Sequence}, {Tickets} tickets today")]
    public static partial void Opened(ILogger logger, string path, int schema, string day, long sequence, int tickets);

    [LoggerMessage(2, LogLevel.Information, "Business day {Day} closed: {Expired} waiting tickets expired")]
    public static partial void DayClosed(ILogger logger, string day, int expired);

    [LoggerMessage(3, LogLevel.Information, "Business day {Day} opened")]
    public static partial void DayOpened(ILogger logger, string day);

    [LoggerMessage(4, LogLevel.Warning, "Clock is behind the business day: local date {Today} < {Day}; staying on {Day} (numbers continue)")]
    public static partial void ClockBehind(ILogger logger, string today, string day);

    [LoggerMessage(5, LogLevel.Information, "Command {CommandId} from counter {Counter} already processed; replaying its answer")]
    public static partial void CommandReplayed(ILogger logger, string commandId, string counter);

    [LoggerMessage(6, LogLevel.Information, "Counter {Counter} {Kind}: {Outcome}")]
    public static partial void CommandDone(ILogger logger, string counter, Results.CounterCommandKind kind, string outcome);

    [LoggerMessage(7, LogLevel.Information, "Retention archived business day {Day} to {File} and deleted {Tickets} tickets")]
    public static partial void Archived(ILogger logger, string day, string file, int tickets);
}
