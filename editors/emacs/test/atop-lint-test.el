;;; atop-lint-test.el --- atop-lint.el with eglot against the real server  -*- lexical-binding: t; -*-

;; Run by scripts/tests/emacs.sh:
;;   ATOP_LINT=... ATOP_LINT_REPO=... emacs --batch -l ert -l test/atop-lint-test.el \
;;     -f ert-run-tests-batch-and-exit

;;; Code:

(require 'ert)
(require 'eglot)
(require 'flymake)
(add-to-list 'load-path (expand-file-name ".." (file-name-directory (or load-file-name buffer-file-name))))
(require 'atop-lint)

(defconst atop-lint-test-repo (file-name-as-directory (getenv "ATOP_LINT_REPO")))
(defconst atop-lint-test-sheet (expand-file-name "examples/5030/5030.codesheet.txt" atop-lint-test-repo))
(defconst atop-lint-test-treaty (expand-file-name "examples/5030/5030.treaty.zh.txt" atop-lint-test-repo))
(defconst atop-lint-test-wait 15 "Seconds any wait on the server may take.")

(setq atop-lint-command (list (getenv "ATOP_LINT") "lsp"))
(add-hook 'atop-codesheet-mode-hook #'eglot-ensure)

(defun atop-lint-test--wait (what predicate)
  "Process events until PREDICATE holds; fail naming WHAT after `atop-lint-test-wait' seconds."
  (let ((deadline (+ (float-time) atop-lint-test-wait)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (or (funcall predicate) (ert-fail (format "no %s within %ss" what atop-lint-test-wait)))))

(defun atop-lint-test--visit ()
  "Visit the example sheet as a user would and wait for eglot and flymake to be running."
  (let ((buffer (find-file-noselect atop-lint-test-sheet)))
    (with-current-buffer buffer
      (should (eq major-mode 'atop-codesheet-mode))
      ;; eglot-ensure connects after the command that visited the file.
      (run-hooks 'post-command-hook)
      (atop-lint-test--wait "eglot session" (lambda () (bound-and-true-p eglot--managed-mode)))
      (flymake-start)
      (atop-lint-test--wait "diagnostics" #'flymake-diagnostics))
    buffer))

(defun atop-lint-test--close (buffer)
  "Shut the server down and kill BUFFER."
  (with-current-buffer buffer
    (let ((server (eglot-current-server)))
      (eglot-shutdown server)
      (should-not (jsonrpc-running-p server))))
  (kill-buffer buffer))

(defun atop-lint-test--goto (needle)
  "Move point to the start of the first NEEDLE."
  (goto-char (point-min))
  (search-forward needle)
  (goto-char (match-beginning 0)))

(defun atop-lint-test--article-19 ()
  "The two paragraphs of Article 19 in the treaty file: those after its heading.
The paragraph after them is the closing formula, which is not part of the article."
  (with-temp-buffer
    (insert-file-contents atop-lint-test-treaty)
    (goto-char (point-min))
    (re-search-forward "^#+ *第十九条$")
    (seq-take (split-string (buffer-substring-no-properties (point) (point-max)) "\n" t "[ \t]+")
              2)))

(ert-deftest atop-lint-eglot-example-sheet ()
  "Diagnostics, hover and completion on the example sheet through eglot."
  (let ((buffer (atop-lint-test--visit)))
    (unwind-protect
        (with-current-buffer buffer
          ;; The treaty-evidence diagnostic on Q11's "No".
          (atop-lint-test--goto "11. Are there conditions under which members may renounce")
          (forward-line 1)
          (let ((q11 (seq-find (lambda (d) (string-search "Q11 says No" (flymake-diagnostic-text d)))
                               (flymake-diagnostics))))
            (should q11)
            (should (string-match-p "Art\\. 19\\b" (flymake-diagnostic-text q11)))
            (should (equal (buffer-substring (flymake-diagnostic-beg q11) (flymake-diagnostic-end q11))
                           "No"))
            (should (= (flymake-diagnostic-beg q11) (point))))

          ;; Hover on the citation: eglot's request, as eldoc makes it.
          (atop-lint-test--goto "(Art. 19)")
          (forward-char (length "(Art. "))
          (let* ((hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                         (eglot--TextDocumentPositionParams)))
                 (contents (plist-get hover :contents))
                 (text (if (stringp contents) contents (plist-get contents :value))))
            (should (stringp text))
            (dolist (paragraph (atop-lint-test--article-19))
              (should (string-search paragraph text))))

          ;; Completion after "70" on a new member line of Q4, accepted as `completion-at-point'
          ;; would: insert the candidate, then run the exit function.
          (atop-lint-test--goto "705 Kazakhstan.")
          (end-of-line)
          (insert "\n70")
          (let* ((capf (eglot-completion-at-point))
                 (start (nth 0 capf))
                 (table (nth 2 capf))
                 (exit (plist-get (nthcdr 3 capf) :exit-function))
                 (candidates (all-completions (buffer-substring start (point)) table))
                 (kazakhstan (seq-find (lambda (c) (string-match-p "705" c)) candidates)))
            (should kazakhstan)
            (delete-region start (point))
            (insert kazakhstan)
            (funcall exit kazakhstan 'finished)
            (should (equal (buffer-substring (line-beginning-position) (line-end-position))
                           "705 Kazakhstan"))))
      (with-current-buffer buffer (set-buffer-modified-p nil))
      (atop-lint-test--close buffer))))

(ert-deftest atop-lint-eglot-rule-settings ()
  "`eglot-workspace-configuration' reaches the server: a rule turned off reports nothing."
  (let ((saved (default-value 'eglot-workspace-configuration)))
    (setq-default eglot-workspace-configuration '(:rules (:unknown-question-ref "off")))
    (let ((buffer (atop-lint-test--visit)))
      (unwind-protect
          (with-current-buffer buffer
            ;; eglot sends the configuration after opening the sheet: the diagnostics published
            ;; for the open may still have #109; the ones after the configuration must not.
            (cl-flet ((texts () (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))
              (atop-lint-test--wait "diagnostics without #109"
                                    (lambda () (not (seq-find (lambda (text) (string-match-p "#109" text))
                                                              (texts)))))
              (should (seq-find (lambda (text) (string-match-p "44\\." text)) (texts)))))
        (atop-lint-test--close buffer)
        (setq-default eglot-workspace-configuration saved)))))

;;; atop-lint-test.el ends here
