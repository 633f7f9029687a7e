import java.awt.BorderLayout;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.SwingConstants;
import javax.swing.SwingUtilities;

/** A small Swing application for the samples: a button that counts its clicks, on screen and in a file. */
public class CounterApp {

    private int count;

    public static void main(String[] args) {
        SwingUtilities.invokeLater(() -> new CounterApp().show());
    }

    private void show() {
        JLabel label = new JLabel("Count: 0", SwingConstants.CENTER);
        label.setFont(label.getFont().deriveFont(Font.BOLD, 28f));
        JButton add = new JButton("Add one");
        add.setFont(add.getFont().deriveFont(Font.BOLD, 18f));
        add.addActionListener(e -> {
            count++;
            label.setText("Count: " + count);
            try {
                Files.writeString(Path.of(System.getProperty("user.home"), "count.txt"), Integer.toString(count));
            } catch (IOException ex) {
                label.setText("Cannot save: " + ex.getMessage());
            }
        });
        JFrame frame = new JFrame("Counter");
        frame.setDefaultCloseOperation(JFrame.EXIT_ON_CLOSE);
        frame.getRootPane().setBorder(BorderFactory.createEmptyBorder(20, 20, 20, 20));
        frame.add(label, BorderLayout.CENTER);
        frame.add(add, BorderLayout.SOUTH);
        frame.setSize(320, 200);
        frame.setLocation(200, 150);
        frame.setVisible(true);
    }
}
