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
    public static partial void CommandDone(ILogger logger, string counter, Kiosk.Contract.Commands.CommandType kind, string outcome);

    [LoggerMessage(7, LogLevel.Information, "Retention archived business day {Day} to {File} and deleted {Tickets} tickets")]
    public static partial void Archived(ILogger logger, string day, string file, int tickets);

    [LoggerMessage(8, LogLevel.Information, "Card data of business day {Day} and before masked: {CardNumbers} card numbers, {Notes} notes, {Replies} stored counter replies")]
    public static partial void CardDataMasked(ILogger logger, string day, int cardNumbers, int notes, int replies);

    [LoggerMessage(9, LogLevel.Warning, "Ticket log {Path}: the WAL could not be truncated while another connection reads it; the next close or retention run tries again")]
    public static partial void CheckpointBusy(ILogger logger, string path);

    [LoggerMessage(10, LogLevel.Warning, "Ticket log {Path}: WAL checkpoint failed with SQLite error {Code}; nothing is lost, the next close or retention run tries again")]
    public static partial void CheckpointFailed(ILogger logger, string path, int code);

    [LoggerMessage(11, LogLevel.Information, "Business day {Day}: {Booked} Mobile JKN bookings made on earlier days now wait for their patients; {Missed} bookings of days the kiosk never opened dropped")]
    public static partial void AdvanceBookingsOpened(ILogger logger, string day, int booked, int missed);
}
