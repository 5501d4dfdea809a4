package org.nprworkbench.visualizer.replay;

import java.util.Locale;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;

/**
 * The decode-replay timeline: a slider over replay steps, a play button that runs through them, and
 * a line saying where the replay stands (step, tokens so far, where the schedule comes from). The
 * chosen step is {@link #stepProperty}; at the last step the whole answer shows. Use on the JavaFX
 * thread.
 */
public final class ReplayBar extends HBox {
    /** Frames per second of playback. */
    private static final double FPS = 30;
    /** Playback takes about this long from start to end, whatever the answer's length. */
    private static final double PLAY_SECONDS = 8;

    private final ReadOnlyIntegerWrapper step = new ReadOnlyIntegerWrapper(this, "step", 0);
    private final Slider slider = new Slider(0, 1, 1);
    private final Button play = new Button("▶ Play");
    private final Label status = new Label("No answer");
    private final Timeline timeline = new Timeline();
    private DecodeReplay replay;

    public ReplayBar() {
        super(10);
        getStyleClass().add("replay-bar");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(6, 12, 6, 12));
        play.setId("replay-play");
        play.getStyleClass().add("graph-tool");
        play.setFocusTraversable(false);
        play.setMinWidth(74);
        slider.setId("replay-slider");
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.setMaxWidth(Double.MAX_VALUE);
        status.setId("replay-status");
        status.getStyleClass().add("replay-status");
        status.setMinWidth(320);
        Label title = new Label("Decode replay");
        title.getStyleClass().add("section-title");
        getChildren().addAll(title, play, slider, status);
        slider.valueProperty().addListener((o, a, b) -> {
            int s = (int) Math.round(b.doubleValue());
            if (s != step.get()) {
                step.set(s);
            }
            describe();
        });
        timeline.setCycleCount(Timeline.INDEFINITE);
        timeline.getKeyFrames().add(new KeyFrame(Duration.millis(1000 / FPS), e -> advance()));
        play.setOnAction(e -> togglePlay());
        setDisable(true);
    }

    /** Replays {@code replay} (null: nothing); starts at the last step, the whole answer. */
    public void setReplay(DecodeReplay replay) {
        timeline.stop();
        play.setText("▶ Play");
        this.replay = replay;
        setDisable(replay == null);
        int last = replay == null ? 1 : Math.max(1, replay.lastStep());
        slider.setMax(last);
        slider.setValue(last);
        step.set(last);
        describe();
    }

    /** The step shown. */
    public ReadOnlyIntegerProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** Moves to step {@code s}. */
    public void setStep(int s) {
        slider.setValue(Math.max(0, Math.min(slider.getMax(), s)));
    }

    /** The slider (for tests that drag it). */
    public Slider slider() {
        return slider;
    }

    /** Whether playback is running. */
    public boolean isPlaying() {
        return timeline.getStatus() == javafx.animation.Animation.Status.RUNNING;
    }

    /** The status line. */
    public String statusText() {
        return status.getText();
    }

    private void togglePlay() {
        if (replay == null) {
            return;
        }
        if (isPlaying()) {
            timeline.stop();
            play.setText("▶ Play");
            return;
        }
        if (step.get() >= slider.getMax()) {
            slider.setValue(0);
        }
        play.setText("❚❚ Pause");
        timeline.play();
    }

    private void advance() {
        int per = (int) Math.max(1, Math.ceil(slider.getMax() / (PLAY_SECONDS * FPS)));
        int next = (int) Math.min(slider.getMax(), step.get() + per);
        slider.setValue(next);
        if (next >= slider.getMax()) {
            timeline.stop();
            play.setText("▶ Play");
        }
    }

    private void describe() {
        if (replay == null) {
            status.setText("No answer");
            return;
        }
        int s = step.get();
        int total = replay.tokens().size();
        status.setText(String.format(Locale.ROOT, "step %d / %d · %,d of %,d tokens · %s", s, replay.lastStep(),
                replay.tokensAt(s), total, replay.source() == DecodeReplay.Source.ENGINE
                        ? "engine decode steps" : "position schedule (no decode steps recorded)"));
    }
}
