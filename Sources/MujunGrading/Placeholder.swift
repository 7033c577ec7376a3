/// Placeholder until the Grading work lands.
public enum MujunGradingModule {}
