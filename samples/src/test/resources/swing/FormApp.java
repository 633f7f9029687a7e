import java.awt.GridLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.swing.*;

/** A sign-up form: two labelled fields, a check box and a button that writes what was entered. */
public class FormApp {
    public static void main(String[] args) {
        SwingUtilities.invokeLater(() -> {
            JFrame frame = new JFrame("Sign-up form");
            JPanel panel = new JPanel(new GridLayout(4, 2, 8, 8));
            JTextField name = field(panel, "Name");
            JTextField email = field(panel, "Email");
            JCheckBox news = new JCheckBox("Send me news");
            panel.add(news);
            JButton submit = new JButton("Submit");
            submit.addActionListener(e -> {
                try {
                    Files.writeString(Path.of(System.getProperty("user.home"), "signup.txt"),
                            name.getText() + "\n" + email.getText() + "\n" + news.isSelected() + "\n");
                } catch (Exception ex) {
                    throw new RuntimeException(ex);
                }
            });
            panel.add(submit);
            frame.add(panel);
            frame.setSize(420, 200);
            frame.setLocation(200, 150);
            frame.setDefaultCloseOperation(JFrame.EXIT_ON_CLOSE);
            frame.setVisible(true);
        });
    }

    private static JTextField field(JPanel panel, String label) {
        JLabel text = new JLabel(label);
        JTextField field = new JTextField(20);
        text.setLabelFor(field);
        panel.add(text);
        panel.add(field);
        return field;
    }
}
